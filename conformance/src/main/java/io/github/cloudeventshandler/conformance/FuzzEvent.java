package io.github.cloudeventshandler.conformance;

import io.github.cloudeventshandler.core.Headers;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What one fuzz run hands to an entry point: the body, and for HTTP-delivered events the request
 * line and headers as the platform would pass them on (for the other entry points {@code method},
 * {@code path} and {@code query} are unused and the headers are empty). Header names and values may
 * be anything a mutation produced, including text no HTTP message can carry: the platform fakes
 * pass on what they can, and a target skips what its platform could never deliver.
 *
 * @param method the request method, e.g. {@code POST}
 * @param path the raw request path, e.g. {@code /}
 * @param query the raw query without {@code ?}, or null
 * @param headers the request headers, in order
 * @param body the body bytes (copied)
 */
public record FuzzEvent(String method, String path, String query, Headers headers, byte[] body) {
  /** Validates and copies. */
  public FuzzEvent {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    body = Objects.requireNonNull(body, "body").clone();
  }

  /** A {@code POST /} with no headers: how a body-only (non-HTTP) event is held. */
  public static FuzzEvent of(byte[] body) {
    return new FuzzEvent("POST", "/", null, Headers.empty(), body);
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * Whether an HTTP server could have received this request at all, so that a platform could hand
   * it to a function: a method that is a token, a path ({@code /…}) and query of printable ASCII
   * (no {@code #}, no {@code ?} in the path), header names that are tokens and values without CR,
   * LF, NUL or characters above U+00FF (one byte each on the wire).
   */
  public boolean isHttpDeliverable() {
    if (!Headers.isToken(method)
        || !path.startsWith("/")
        || !printable(path, "#?")
        || (query != null && !printable(query, "#"))) {
      return false;
    }
    for (Map.Entry<String, String> f : headers.fields()) {
      if (!Headers.isToken(f.getKey())
          || f.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0 || c > 0xFF)) {
        return false;
      }
    }
    return true;
  }

  private static boolean printable(String s, String excluded) {
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7F && excluded.indexOf(c) < 0);
  }

  /** This event with another body. */
  public FuzzEvent withBody(byte[] newBody) {
    return new FuzzEvent(method, path, query, headers, newBody);
  }

  /** This event with other headers. */
  public FuzzEvent withHeaders(Headers newHeaders) {
    return new FuzzEvent(method, path, query, newHeaders, body);
  }

  /** This event with another request line. */
  public FuzzEvent withRequest(String newMethod, String newPath, String newQuery) {
    return new FuzzEvent(newMethod, newPath, newQuery, headers, body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FuzzEvent e
        && e.method.equals(method)
        && e.path.equals(path)
        && Objects.equals(e.query, query)
        && e.headers.equals(headers)
        && Arrays.equals(e.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, query, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return method
        + " "
        + path
        + (query == null ? "" : "?" + query)
        + " "
        + headers
        + " ("
        + body.length
        + " bytes)";
  }
}
