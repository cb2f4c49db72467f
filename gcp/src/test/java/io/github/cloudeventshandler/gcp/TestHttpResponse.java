package io.github.cloudeventshandler.gcp;

import com.google.cloud.functions.HttpResponse;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A Functions Framework {@link HttpResponse} that records what the function wrote. */
final class TestHttpResponse implements HttpResponse {
  private int status = 200;
  private String contentType;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  @Override
  public void setStatusCode(int code) {
    status = code;
  }

  @Override
  public void setStatusCode(int code, String message) {
    status = code;
  }

  @Override
  public void setContentType(String contentType) {
    this.contentType = contentType;
  }

  @Override
  public Optional<String> getContentType() {
    return Optional.ofNullable(contentType);
  }

  @Override
  public void appendHeader(String header, String value) {
    headers.computeIfAbsent(header, k -> new ArrayList<>()).add(value);
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  @Override
  public OutputStream getOutputStream() {
    return body;
  }

  @Override
  public BufferedWriter getWriter() {
    return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
  }

  int status() {
    return status;
  }

  String bodyText() {
    return body.toString(StandardCharsets.UTF_8);
  }

  /** What the function answered, as an {@link AppResponse}. */
  AppResponse toAppResponse() {
    Headers.Builder h = Headers.builder();
    if (contentType != null) {
      h.add("Content-Type", contentType);
    }
    headers.forEach((k, vs) -> vs.forEach(v -> h.add(k, v)));
    return new AppResponse(status, h.build(), body.toByteArray());
  }
}
