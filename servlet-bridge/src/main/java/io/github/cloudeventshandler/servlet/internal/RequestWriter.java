package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Serialises an {@link AppRequest} to the bytes of one HTTP/1.1 request. Written by hand into a
 * {@link ByteBuffer} (Jetty's {@code String} overloads would encode as ISO-8859-1 or UTF-8 behind
 * our back). Header names must be RFC 9110 tokens; values must not contain CR, LF, NUL or
 * characters above U+00FF (characters U+0080..U+00FF are sent as one byte each, HTTP's {@code
 * obs-text}). The request always carries {@code Host} ({@code localhost} unless the request has
 * one) and a computed {@code Content-Length}; hop-by-hop and framing fields from the request are
 * dropped.
 */
public final class RequestWriter {
  /** Request fields the bridge never forwards: it frames the message itself. */
  static final Set<String> DROPPED =
      Set.of(
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "proxy-connection",
          "expect",
          "upgrade",
          "te",
          "host",
          AttributeHandler.TOKEN_HEADER.toLowerCase(Locale.ROOT));

  private static final byte[] HTTP11 = bytes(" HTTP/1.1\r\n");
  private static final byte[] HOST = bytes("Host: ");
  private static final byte[] CONTENT_LENGTH = bytes("Content-Length: ");
  private static final byte[] TOKEN = bytes(AttributeHandler.TOKEN_HEADER + ": ");
  private static final byte[] CRLF = bytes("\r\n");
  private static final byte[] COLON = bytes(": ");

  private byte[] buffer = new byte[512];
  private int length;

  private RequestWriter() {}

  /**
   * The request's bytes, ready for a {@code LocalEndPoint}.
   *
   * @param token the dispatch token to send, or null for none
   * @throws BadEventException {@link Problem#UNSAFE_HEADER} for an unsafe header name or value,
   *     {@link Problem#UNSAFE_PATH} for an unsafe method or request target
   */
  public static ByteBuffer write(AppRequest request, String token) {
    RequestWriter w = new RequestWriter();
    String method = request.method();
    if (method.isEmpty() || !isToken(method)) {
      throw new BadEventException(
          Problem.UNSAFE_PATH, "request method " + quote(method) + " is not an HTTP token");
    }
    w.ascii(method);
    w.put((byte) ' ');
    String target = request.target();
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new BadEventException(
            Problem.UNSAFE_PATH,
            "request target "
                + quote(target)
                + " contains a character that must be percent-encoded at index "
                + i);
      }
    }
    w.ascii(target);
    w.put(HTTP11);

    String host = request.header("Host").orElse("localhost");
    checkValue("Host", host);
    w.put(HOST);
    w.latin1(host);
    w.put(CRLF);

    for (Map.Entry<String, String> field : request.headers().fields()) {
      String name = field.getKey();
      if (name.isEmpty() || !isToken(name)) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER, "header name " + quote(name) + " is not an HTTP token");
      }
      if (DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String value = field.getValue();
      checkValue(name, value);
      w.ascii(name);
      w.put(COLON);
      w.latin1(value);
      w.put(CRLF);
    }
    if (token != null) {
      w.put(TOKEN);
      w.ascii(token);
      w.put(CRLF);
    }
    byte[] body = request.body();
    w.put(CONTENT_LENGTH);
    w.ascii(Integer.toString(body.length));
    w.put(CRLF);
    w.put(CRLF);

    ByteBuffer out = ByteBuffer.allocate(w.length + body.length);
    out.put(w.buffer, 0, w.length).put(body).flip();
    return out;
  }

  private static void checkValue(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER,
            "header " + name + " contains CR, LF or NUL at index " + i + " of its value");
      }
      if (c > 0xff) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER,
            "header "
                + name
                + " contains a character above U+00FF at index "
                + i
                + " of its value; HTTP header values are not UTF-8 (percent-encode it)");
      }
    }
  }

  /** Whether every character is an RFC 9110 {@code tchar}. */
  static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(s.length() > 80 ? "...\"" : "\"").toString();
  }

  private static byte[] bytes(String ascii) {
    byte[] b = new byte[ascii.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) ascii.charAt(i);
    }
    return b;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  private void put(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  private void put(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buffer, length, b.length);
    length += b.length;
  }

  /** Appends characters already checked to be at most U+00FF, one byte each. */
  private void latin1(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buffer[length++] = (byte) s.charAt(i);
    }
  }

  private void ascii(String s) {
    latin1(s);
  }
}
