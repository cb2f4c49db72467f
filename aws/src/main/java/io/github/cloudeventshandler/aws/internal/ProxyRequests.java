package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
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
   * headers}; drops hop-by-hop fields and {@code Content-Length}.
   */
  static Headers.Builder headers(JsonObject event, String kind, String id) {
    Headers.Builder h = Headers.builder();
    JsonObject multi = EventFields.object(event, "multiValueHeaders");
    if (multi != null) {
      for (Map.Entry<String, JsonElement> e : multi.entrySet()) {
        if (e.getValue().isJsonArray()) {
          for (JsonElement v : e.getValue().getAsJsonArray()) {
            add(h, e.getKey(), v, kind, id);
          }
        } else {
          add(h, e.getKey(), e.getValue(), kind, id);
        }
      }
      return h;
    }
    JsonObject single = EventFields.object(event, "headers");
    if (single != null) {
      for (Map.Entry<String, JsonElement> e : single.entrySet()) {
        add(h, e.getKey(), e.getValue(), kind, id);
      }
    }
    return h;
  }

  private static void add(Headers.Builder h, String name, JsonElement v, String kind, String id) {
    if (v == null || v.isJsonNull()) {
      return;
    }
    if (!v.isJsonPrimitive()) {
      throw EventFields.invalidAt(kind, "headers." + name, id, "is not a string");
    }
    if (!Headers.isToken(name)) {
      throw new BadEventException(
          Problem.UNSAFE_HEADER, kind + " event " + id + ": '" + name + "' is not a header name");
    }
    String value = v.getAsString();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER,
            kind + " event " + id + ": header " + name + " has a control character in its value");
      }
    }
    if (!DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
      h.add(name, value);
    }
  }

  /**
   * A query string from decoded parameters: {@code multiValueQueryStringParameters} when present,
   * else {@code queryStringParameters}; names and values form-encoded. Null when there are none.
   *
   * @param encode false when the values are already encoded (ALB passes them as received)
   */
  static String query(JsonObject event, boolean encode) {
    StringBuilder q = new StringBuilder();
    JsonObject multi = EventFields.object(event, "multiValueQueryStringParameters");
    JsonObject params = multi != null ? multi : EventFields.object(event, "queryStringParameters");
    if (params == null) {
      return null;
    }
    for (Map.Entry<String, JsonElement> e : params.entrySet()) {
      if (e.getValue().isJsonArray()) {
        for (JsonElement v : e.getValue().getAsJsonArray()) {
          param(q, e.getKey(), v, encode);
        }
      } else {
        param(q, e.getKey(), e.getValue(), encode);
      }
    }
    return q.length() == 0 ? null : q.toString();
  }

  private static void param(StringBuilder q, String name, JsonElement v, boolean encode) {
    if (v == null || v.isJsonNull()) {
      return;
    }
    if (q.length() > 0) {
      q.append('&');
    }
    String value = v.getAsString();
    q.append(encode ? form(name) : raw(name)).append('=').append(encode ? form(value) : raw(value));
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
  static String method(String method, String kind, String where, String id) {
    EventFields.require(method, kind, where, id);
    if (method.length() > 32 || !Headers.isToken(method)) {
      throw EventFields.invalidAt(kind, where, id, "is not an HTTP method: '" + method + "'");
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
  static byte[] body(JsonObject event, String kind, String id) {
    String body = EventFields.string(event, "body");
    if (body == null) {
      return new byte[0];
    }
    JsonElement b64 = event.get("isBase64Encoded");
    if (b64 != null
        && b64.isJsonPrimitive()
        && b64.getAsJsonPrimitive().isBoolean()
        && b64.getAsBoolean()) {
      return EventFields.base64At(body, kind, "body", id);
    }
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
