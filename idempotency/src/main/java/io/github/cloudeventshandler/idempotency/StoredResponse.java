package io.github.cloudeventshandler.idempotency;

import io.github.cloudeventshandler.core.Headers;
import java.util.Arrays;
import java.util.Objects;

/**
 * The first completed (2xx) answer to an event, as stored and replayed for its duplicates.
 *
 * @param status the HTTP status, 200–299
 * @param headers the answer's header fields, without framing fields ({@code Content-Length}, {@code
 *     Transfer-Encoding}, {@code Connection}, {@code Keep-Alive}), {@code Date} and {@code
 *     Set-Cookie}
 * @param body the body (copied), or null when it was larger than the filter's cap and therefore not
 *     stored: a replay then sends status and headers with an empty body
 */
public record StoredResponse(int status, Headers headers, byte[] body) {
  /** Validates and copies. */
  public StoredResponse {
    if (status < 200 || status > 299) {
      throw new IllegalArgumentException("only 2xx answers are stored: " + status);
    }
    Objects.requireNonNull(headers, "headers");
    body = body == null ? null : body.clone();
  }

  /** A copy of the body, or null when it was not stored. */
  @Override
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredResponse r
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
    return "StoredResponse["
        + status
        + ", "
        + headers.size()
        + " headers, "
        + (body == null ? "body not stored" : body.length + " bytes")
        + "]";
  }
}
