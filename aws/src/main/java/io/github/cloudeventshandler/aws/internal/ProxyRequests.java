package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.SendableRequests;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the HTTP proxy classifiers (API Gateway v1/v2, ALB, function URLs) share: header maps, query
 * strings, paths and bodies read from the event, checked so that nothing the event says can break
 * the request line or a header.
 */
final class ProxyRequests {
  private ProxyRequests() {}

  /** Set by the bridge from the body it sends, or meaningless in-process. */
  private static final Set<String> DROPPED =
      Set.of(
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "te",
          "trailer");

  /**
   * Reads {@code multiValueHeaders} when present (API Gateway's authoritative form), else {@code
   * headers}; drops hop-by-hop fields and {@code Content-Length}. A value that is not a string (or,
   * in {@code multiValueHeaders}, an array of strings) is an {@code INVALID_FIELD} naming its path.
   */
  static Headers.Builder headers(EventField event) {
    Headers.Builder h = Headers.builder();
    EventField multi = event.get("multiValueHeaders");
    if (multi.isPresent()) {
      for (Map.Entry<String, EventField> e : multi.members().entrySet()) {
        for (EventField v : valuesOf(e.getValue())) {
          add(h, e.getKey(), v);
        }
      }
      return h;
    }
    for (Map.Entry<String, EventField> e : event.get("headers").members().entrySet()) {
      add(h, e.getKey(), e.getValue());
    }
    return h;
  }

  /** The values of a multi-value entry: its elements when an array, else the value itself. */
  private static List<EventField> valuesOf(EventField value) {
    return value.isArray() ? value.elements() : List.of(value);
  }

  /** A string (kept even when empty) or a number's text; absent and null are empty. */
  private static Optional<String> scalar(EventField v) {
    return v.isNumber() ? v.optText() : v.optStringOrEmpty();
  }

  private static void add(Headers.Builder h, String name, EventField v) {
    Optional<String> text = scalar(v);
    if (text.isEmpty()) {
      return;
    }
    if (!Headers.isToken(name)) {
      throw v.problem(Problem.UNSAFE_HEADER, "is not a header name", null);
    }
    String value = text.get();
    if (SendableRequests.controlCharacterAt(value) >= 0) {
      throw v.problem(
          Problem.UNSAFE_HEADER,
          "has a control character in its value (header " + name + ")",
          null);
    }
    if (!DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
      h.add(name, value);
    }
  }

  /**
   * A query string from decoded parameters: {@code multiValueQueryStringParameters} when present,
   * else {@code queryStringParameters}; names and values form-encoded. Null when there are none. A
   * value that is not a string (or an array of strings) is an {@code INVALID_FIELD} naming its
   * path, e.g. {@code queryStringParameters.a}.
   *
   * @param encode false when the values are already encoded (ALB passes them as received)
   */
  static String query(EventField event, boolean encode) {
    StringBuilder q = new StringBuilder();
    EventField multi = event.get("multiValueQueryStringParameters");
    EventField params = multi.isPresent() ? multi : event.get("queryStringParameters");
    for (Map.Entry<String, EventField> e : params.members().entrySet()) {
      for (EventField v : valuesOf(e.getValue())) {
        param(q, e.getKey(), v, encode);
      }
    }
    return q.length() == 0 ? null : q.toString();
  }

  private static void param(StringBuilder q, String name, EventField v, boolean encode) {
    Optional<String> value = scalar(v);
    if (value.isEmpty()) {
      return;
    }
    if (q.length() > 0) {
      q.append('&');
    }
    q.append(encode ? form(name) : raw(name))
        .append('=')
        .append(encode ? form(value.get()) : raw(value.get()));
  }

  private static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Keeps an already-encoded path or query as it is, percent-encoding only what may not appear in a
   * request line (space, controls, non-ASCII, {@code "<>\^`{|}}, a stray {@code %} or {@code #}).
   */
  static String raw(String s) {
    StringBuilder out = new StringBuilder(s.length());
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      int c = b[i] & 0xFF;
      boolean escape = c == '%' && hex(b, i + 1) && hex(b, i + 2);
      if (escape || (c > 0x20 && c < 0x7F && "\"<>\\^`{|}#%".indexOf(c) < 0)) {
        out.append((char) c);
      } else {
        pct(out, c);
      }
    }
    return out.toString();
  }

  /**
   * A request path from the event. REST APIs, function URLs and ALB pass it still percent-encoded;
   * HTTP APIs pass it decoded. Both are handled without knowing which: escapes are kept, and every
   * character that can never appear literally in an encoded path ({@code ?}, {@code #}, space,
   * controls, non-ASCII, a bare {@code %}, ...) is percent-encoded, so a decoded {@code ?} can
   * never start a query.
   */
  static String path(String s) {
    String rooted = s.startsWith("/") ? s : "/" + s;
    return raw(rooted).replace("?", "%3F");
  }

  /** The request method, which must be an HTTP token (it goes into the request line). */
  static String method(EventField field) {
    String method = field.string();
    if (method.length() > 32 || !Headers.isToken(method)) {
      throw field.invalid("is not an HTTP method: " + EventField.quote(method));
    }
    return method;
  }

  private static boolean hex(byte[] b, int i) {
    return i < b.length && Character.digit(b[i], 16) >= 0;
  }

  private static void pct(StringBuilder out, int c) {
    out.append('%')
        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
  }

  /** The body: base64-decoded when {@code isBase64Encoded}, else UTF-8; empty when absent. */
  static byte[] body(EventField event) {
    EventField body = event.get("body");
    if (!body.isPresent()) {
      return new byte[0];
    }
    if (event.get("isBase64Encoded").optBoolean().orElse(false)) {
      return body.base64();
    }
    return body.optStringOrEmpty().orElse("").getBytes(StandardCharsets.UTF_8);
  }
}
