package io.github.cloudeventshandler.runner;

import com.google.cloud.functions.HttpResponse;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Functions Framework {@link HttpResponse} the runner hands to {@code HttpEntryPoint}: keeps
 * status, headers (repeated names kept, in order) and body in memory; {@link #toAppResponse()}
 * gives them back. The status defaults to 200, as in the invoker.
 */
final class FunctionsHttpResponse implements HttpResponse {
  private int status = 200;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private BufferedWriter writer;

  @Override
  public void setStatusCode(int code) {
    this.status = code;
  }

  @Override
  public void setStatusCode(int code, String message) {
    this.status = code;
  }

  @Override
  public void setContentType(String contentType) {
    headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
  }

  @Override
  public Optional<String> getContentType() {
    List<String> v = headers.get("Content-Type");
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  @Override
  public void appendHeader(String name, String value) {
    String key = name.equalsIgnoreCase("Content-Type") ? "Content-Type" : name;
    headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
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
    if (writer == null) {
      writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }
    return writer;
  }

  /** What was written, as an {@link AppResponse}. */
  AppResponse toAppResponse() {
    if (writer != null) {
      try {
        writer.flush();
      } catch (java.io.IOException e) {
        throw new IllegalStateException("flushing an in-memory writer", e);
      }
    }
    Headers.Builder h = Headers.builder();
    headers.forEach((k, vs) -> vs.forEach(v -> h.add(k, v)));
    return new AppResponse(status, h.build(), body.toByteArray());
  }
}
