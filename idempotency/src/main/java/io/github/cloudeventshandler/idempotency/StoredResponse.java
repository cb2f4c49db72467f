package io.github.cloudeventshandler.idempotency;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.util.Objects;

/**
 * The first completed (2xx) answer to an event, as stored and replayed for its duplicates.
 *
 * <pre>{@code
 * StoredResponse.of(200, headers, body);  // kept whole
 * StoredResponse.of(200, headers, null);  // body over the filter's cap: status and headers only
 * }</pre>
 *
 * @param response status, header fields (without framing fields — {@code Content-Length}, {@code
 *     Transfer-Encoding}, {@code Connection}, {@code Keep-Alive} — {@code Date} and {@code
 *     Set-Cookie}) and body; the body is empty when it was not stored
 * @param bodyStored false when the body was larger than the filter's cap and therefore not stored:
 *     a replay then sends status and headers with an empty body
 */
public record StoredResponse(AppResponse response, boolean bodyStored) {
  /** Validates. */
  public StoredResponse {
    Objects.requireNonNull(response, "response");
    if (!response.isSuccess()) {
      throw new IllegalArgumentException("only 2xx answers are stored: " + response.status());
    }
    if (!bodyStored && response.bodyLength() > 0) {
      throw new IllegalArgumentException("an answer whose body was not stored has no body");
    }
  }

  /** An answer; {@code body} null means the body was not stored. */
  public static StoredResponse of(int status, Headers headers, byte[] body) {
    return new StoredResponse(
        new AppResponse(status, headers, body == null ? new byte[0] : body), body != null);
  }

  /** The stored body (a copy), or null when it was not stored. */
  public byte[] storedBody() {
    return bodyStored ? response.body() : null;
  }
}
