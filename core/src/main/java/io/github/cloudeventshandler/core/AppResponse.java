package io.github.cloudeventshandler.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The application's answer to one {@link AppRequest}.
 *
 * @param status the HTTP status code
 * @param headers the response header fields, in order, repeated names kept
 * @param body the body bytes (copied)
 */
public record AppResponse(int status, Headers headers, byte[] body) {

  /** Validates and copies. */
  public AppResponse {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    Objects.requireNonNull(headers, "headers");
    body = Objects.requireNonNull(body, "body").clone();
  }

  /** A response with a status and no headers or body. */
  public static AppResponse of(int status) {
    return new AppResponse(status, Headers.empty(), new byte[0]);
  }

  /** A response with a status, a content type and a UTF-8 text body. */
  public static AppResponse of(int status, String contentType, String body) {
    return new AppResponse(
        status,
        Headers.builder().add("Content-Type", contentType).build(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the status is 2xx: the only answer that counts as handled. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body length, without copying. */
  public int bodyLength() {
    return body.length;
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of a header, ignoring case. */
  public Optional<String> header(String name) {
    return headers.first(name);
  }

  /** The {@code Content-Type}, when the application sent one. */
  public Optional<String> contentType() {
    return headers.first("Content-Type");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppResponse r
        && r.status == status
        && r.headers.equals(headers)
        && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "AppResponse[" + status + ", " + headers.size() + " headers, " + body.length + " bytes]";
  }
}
