package io.github.cloudeventshandler.testing.platform;

import com.google.cloud.functions.HttpResponse;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Functions Framework {@link HttpResponse} an {@code HttpFunction} writes to, kept in memory:
 * status (200 until set, as in the invoker), headers (case-insensitive names, repeated values in
 * order; {@code Content-Type} is a header like any other) and body. {@link #toAppResponse()} and
 * the accessors give back what the function wrote; text written through {@link #getWriter()} is
 * flushed first.
 *
 * <pre>{@code
 * LocalGcpHttpResponse response = new LocalGcpHttpResponse();
 * entryPoint.service(request, response);
 * assertThat(response.status()).isEqualTo(204);
 * }</pre>
 *
 * <p>Failure contract: never throws. One function writes to it at a time, as with the invoker's.
 */
public final class LocalGcpHttpResponse implements HttpResponse {
  private int status = 200;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private BufferedWriter writer;

  /** An empty response: status 200, no headers, no body. */
  public LocalGcpHttpResponse() {}

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
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
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

  /** The status code set, 200 if none was. */
  public int status() {
    return status;
  }

  /** The first value of a header, if set. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** The body bytes written so far. */
  public byte[] body() {
    flush();
    return body.toByteArray();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body(), StandardCharsets.UTF_8);
  }

  /** Status, headers and body as the core's {@link AppResponse}. */
  public AppResponse toAppResponse() {
    Headers.Builder h = Headers.builder();
    headers.forEach((k, vs) -> vs.forEach(v -> h.add(k, v)));
    return new AppResponse(status, h.build(), body());
  }

  private void flush() {
    if (writer != null) {
      try {
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("flushing an in-memory writer", e);
      }
    }
  }

  @Override
  public String toString() {
    return "LocalGcpHttpResponse[" + status + ", " + body.size() + " bytes]";
  }
}
