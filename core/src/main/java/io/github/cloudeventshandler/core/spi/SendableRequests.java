package io.github.cloudeventshandler.core.spi;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rule for HTTP requests that events carry (API Gateway, ALB, function URLs, the GCP and Azure
 * HTTP pass-through): normalise what has one faithful normal form, refuse with a {@link
 * BadEventException} naming why what Jetty would refuse anyway, so that the bridge is never handed
 * a request it answers with its own 400 or 431. Also the {@code Content-Type} check for event
 * requests. Not part of the public API.
 *
 * <ul>
 *   <li>Path: characters a request line cannot carry are percent-encoded as UTF-8; literal dot
 *       segments are removed (RFC 3986 §5.2.4; one that climbs above the root is refused); refused:
 *       empty segments ({@code //}), a {@code %} without two hex digits, escapes of {@code %},
 *       {@code /}, {@code \} or control characters, escapes that are not UTF-8, encoded dot
 *       segments and dot segments with a {@code ;} parameter (Jetty's default URI compliance).
 *   <li>{@code Host}: outer white space dropped; an internationalised name becomes its ASCII form
 *       (IDNA); otherwise it must be an RFC 3986 host (reg-name without {@code ,}, IPv4, or a
 *       bracketed IPv6 address) with an optional port 1–65535.
 *   <li>Header values: characters above U+00FF are sent as their UTF-8 bytes (HTTP's {@code
 *       obs-text}, what the client sent on the wire); control characters other than HTAB (CR, LF,
 *       NUL, ..., DEL) are refused, as Jetty's parser and the bridge refuse them; names must be
 *       tokens.
 *   <li>The request line and header fields together at most {@value #MAX_HEAD_BYTES} bytes (the
 *       bridge accepts 64 KiB and adds a few fields of its own), else {@link
 *       Problem#HEADERS_TOO_LARGE}.
 * </ul>
 */
public final class SendableRequests {
  /** The most bytes of request line and header fields an HTTP request from an event may have. */
  public static final int MAX_HEAD_BYTES = 56 * 1024;

  /** The longest {@code Content-Type} of an event request. */
  public static final int MAX_CONTENT_TYPE = 4096;

  private SendableRequests() {}

  /**
   * The request with path, query, {@code Host} and header values normalised (values {@linkplain
   * #trimmed trimmed}, characters above U+00FF as their UTF-8 bytes).
   *
   * @param what names the event for messages, e.g. {@code "aws.apigateway.http event abc"}
   * @throws BadEventException {@link Problem#UNSAFE_PATH}, {@link Problem#UNSAFE_HEADER} or {@link
   *     Problem#HEADERS_TOO_LARGE} saying why
   */
  public static AppRequest normalise(AppRequest request, String what) {
    String path = path(request.path(), what);
    String query = request.query() == null ? null : encodeUnsendable(request.query(), true);
    Headers.Builder h = Headers.builder();
    for (Map.Entry<String, String> f : request.headers().fields()) {
      String name = f.getKey();
      if (!Headers.isToken(name)) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER, what + ": " + EventField.quote(name) + " is not a header name");
      }
      String value =
          name.equalsIgnoreCase("Host")
              ? host(f.getValue(), what)
              : value(name, f.getValue(), what);
      h.add(name, value);
    }
    AppRequest out = request.toBuilder().path(path).query(query).headers(h.build()).build();
    checkHeadSize(out, what);
    return out;
  }

  /**
   * Checks that an event request's {@code Content-Type} can be sent: printable ASCII, at most
   * {@value #MAX_CONTENT_TYPE} characters.
   *
   * @throws BadEventException {@link Problem#UNSAFE_HEADER} naming the value
   */
  public static void checkContentType(String contentType, String what) {
    if (contentType.length() > MAX_CONTENT_TYPE) {
      throw new BadEventException(
          Problem.UNSAFE_HEADER,
          what
              + ": the content type (datacontenttype) is "
              + contentType.length()
              + " characters long; a Content-Type header carries at most "
              + MAX_CONTENT_TYPE);
    }
    for (int i = 0; i < contentType.length(); i++) {
      char c = contentType.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7F) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER,
            what
                + ": the content type (datacontenttype) "
                + EventField.quote(contentType)
                + " has a character a media type cannot hold at index "
                + i
                + " (RFC 2046 media types are ASCII)");
      }
    }
  }

  /**
   * A {@code Host} value normalised: trimmed, an internationalised name in its ASCII form.
   *
   * @throws BadEventException {@link Problem#UNSAFE_HEADER} when it is not {@code host[:port]}
   */
  public static String host(String value, String what) {
    String v = trimmed(value);
    String problem = hostProblem(v);
    if (problem != null && !isAscii(v)) {
      String ascii = idn(v);
      if (ascii != null) {
        v = ascii;
        problem = hostProblem(v);
      }
    }
    if (problem != null) {
      throw new BadEventException(
          Problem.UNSAFE_HEADER,
          what
              + ": Host "
              + EventField.quote(value)
              + " is not a host[:port] an HTTP request can carry: "
              + problem);
    }
    return v;
  }

  /** Why a value is not {@code host[:port]}, or null when it is. */
  static String hostProblem(String v) {
    if (v.isEmpty()) {
      return "it is empty";
    }
    String host;
    String port = null;
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0) {
        return "'[' without ']'";
      }
      host = v.substring(1, close);
      String rest = v.substring(close + 1);
      if (!rest.isEmpty()) {
        if (rest.charAt(0) != ':') {
          return "text after ']' that is not a port";
        }
        port = rest.substring(1);
      }
      if (!isIpv6(host)) {
        return "'" + host + "' is not an IPv6 address";
      }
    } else {
      int colon = v.lastIndexOf(':');
      host = colon < 0 ? v : v.substring(0, colon);
      port = colon < 0 ? null : v.substring(colon + 1);
      if (host.isEmpty()) {
        return "the host name is empty";
      }
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        if (c == '%') {
          if (i + 2 >= host.length()
              || hex(host.charAt(i + 1)) < 0
              || hex(host.charAt(i + 2)) < 0) {
            return "a '%' without two hex digits";
          }
          i += 2;
        } else if (!isRegNameChar(c)) {
          return "the character " + EventField.quote(String.valueOf(c)) + " at index " + i;
        }
      }
    }
    if (port != null) {
      if (port.isEmpty()
          || port.length() > 5
          || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return "port '" + port + "' is not a number";
      }
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        return "port " + p + " is out of range";
      }
    }
    return null;
  }

  /**
   * A request path normalised as described in the class comment.
   *
   * @throws BadEventException {@link Problem#UNSAFE_PATH} saying why
   */
  public static String path(String raw, String what) {
    String p = encodeUnsendable(raw.startsWith("/") ? raw : "/" + raw, false);
    String[] parts = p.substring(1).split("/", -1);
    List<String> out = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (part.isEmpty()) {
        if (last) {
          out.add("");
          continue;
        }
        throw unsafePath(what, raw, "has an empty segment ('//')");
      }
      int semi = part.indexOf(';');
      String name = semi < 0 ? part : part.substring(0, semi);
      if (semi >= 0 && name.isEmpty() && !last) {
        throw unsafePath(what, raw, "has an empty segment with a parameter ('/;')");
      }
      String decoded = decode(name, raw, what);
      boolean dots = decoded.equals(".") || decoded.equals("..");
      if (dots && (semi >= 0 || !name.equals(decoded))) {
        throw unsafePath(
            what,
            raw,
            "has the ambiguous dot segment '" + part + "' (encoded, or with a ';' parameter)");
      }
      if (decoded.equals(".")) {
        if (last) {
          out.add("");
        }
      } else if (decoded.equals("..")) {
        if (out.isEmpty()) {
          throw unsafePath(what, raw, "climbs above the root with '..'");
        }
        out.remove(out.size() - 1);
        if (last) {
          out.add("");
        }
      } else {
        out.add(part);
      }
    }
    return "/" + String.join("/", out);
  }

  private static String decode(String name, String raw, String what) {
    if (name.indexOf('%') < 0) {
      return name;
    }
    byte[] bytes = new byte[name.length()];
    int n = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '%') {
        bytes[n++] = (byte) c;
        continue;
      }
      int hi = i + 2 < name.length() ? hex(name.charAt(i + 1)) : -1;
      int lo = hi >= 0 ? hex(name.charAt(i + 2)) : -1;
      if (hi < 0 || lo < 0) {
        throw unsafePath(what, raw, "has a '%' that is not followed by two hex digits");
      }
      int b = hi * 16 + lo;
      if (b == '%' || b == '/' || b == '\\' || b < 0x20 || b == 0x7F) {
        throw unsafePath(
            what,
            raw,
            "has the escape "
                + name.substring(i, i + 3)
                + " (an encoded '%', '/', '\\' or control character), which Jetty refuses");
      }
      bytes[n++] = (byte) b;
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw unsafePath(what, raw, "has escapes that are not UTF-8 in '" + name + "'");
    }
  }

  /**
   * Percent-encodes (as UTF-8) every character a request target cannot carry literally, keeping
   * escapes: controls, space, non-ASCII, {@code "<>\^`{|}#} and {@code [ ]} in the path.
   */
  static String encodeUnsendable(String s, boolean query) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      boolean plain =
          cp > 0x20
              && cp < 0x7F
              && "\"<>\\^`{|}#".indexOf(cp) < 0
              && (query || (cp != '[' && cp != ']'));
      if (!plain && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (plain) {
          out.appendCodePoint(cp);
        } else {
          if (Character.getType(cp) == Character.SURROGATE) {
            cp = 0xFFFD;
          }
          for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            out.append('%')
                .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
          }
        }
      }
      i += len;
    }
    return out == null ? s : out.toString();
  }

  /**
   * The index of the first character no header value may hold (a control character other than HTAB:
   * CR, LF, NUL, ..., DEL; Jetty's parser refuses them), or -1. The one copy of that rule.
   */
  public static int controlCharacterAt(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A header value without its leading and trailing spaces and tabs: they are not part of a field
   * value (RFC 9110, section 5.5), and every HTTP parser, Jetty's too, drops them. The one copy of
   * that rule; {@link #normalise} applies it, so the application gets the value the event carried.
   */
  public static String trimmed(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isBlank(value.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(value.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static String value(String name, String raw, String what) {
    String value = trimmed(raw);
    int control = controlCharacterAt(value);
    if (control >= 0) {
      throw new BadEventException(
          Problem.UNSAFE_HEADER,
          what
              + ": header "
              + name
              + " has a control character (CR, LF, NUL, ...) at index "
              + control
              + " of its value");
    }
    boolean wide = false;
    for (int i = 0; i < value.length() && !wide; i++) {
      wide = value.charAt(i) > 0xFF;
    }
    if (!wide) {
      return value;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    char[] latin1 = new char[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      latin1[i] = (char) (utf8[i] & 0xFF);
    }
    return new String(latin1);
  }

  private static void checkHeadSize(AppRequest r, String what) {
    long size = r.method().length() + r.target().length() + 11L;
    for (Map.Entry<String, String> f : r.headers().fields()) {
      size += f.getKey().length() + f.getValue().length() + 4L;
    }
    if (size > MAX_HEAD_BYTES) {
      throw new BadEventException(
          Problem.HEADERS_TOO_LARGE,
          what
              + ": the request line and headers take "
              + size
              + " bytes; at most "
              + MAX_HEAD_BYTES
              + " can be sent");
    }
  }

  private static String idn(String v) {
    int colon = v.lastIndexOf(':');
    boolean hasPort = colon > 0 && v.indexOf(']') < 0 && v.indexOf(':') == colon;
    String name = hasPort ? v.substring(0, colon) : v;
    try {
      String ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
      return hasPort ? ascii + v.substring(colon) : ascii;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isRegNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~!$&'()*+;=".indexOf(c) >= 0;
  }

  /** RFC 3986 {@code IPv6address}: eight 16-bit groups, one {@code ::}, an optional IPv4 tail. */
  static boolean isIpv6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return false;
    }
    String body = s;
    int tail = 0;
    int lastColon = s.lastIndexOf(':');
    if (lastColon >= 0 && s.indexOf('.', lastColon) > 0) {
      if (!isIpv4(s.substring(lastColon + 1))) {
        return false;
      }
      String prefix = s.substring(0, lastColon + 1);
      body = prefix.endsWith("::") ? prefix : prefix.substring(0, prefix.length() - 1);
      tail = 2; // the IPv4 address stands for two groups
    }
    int compressed = body.indexOf("::");
    if (compressed < 0) {
      return groups(body) + tail == 8;
    }
    if (body.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    int left = groups(body.substring(0, compressed));
    int right = groups(body.substring(compressed + 2));
    return left >= 0 && right >= 0 && left + right + tail <= 7;
  }

  /**
   * The number of colon-separated groups of one to four hex digits, 0 for none, -1 if malformed.
   */
  private static int groups(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    String[] parts = s.split(":", -1);
    for (String g : parts) {
      if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> hex(c) >= 0)) {
        return -1;
      }
    }
    return parts.length;
  }

  private static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }

  private static BadEventException unsafePath(String what, String raw, String why) {
    return new BadEventException(
        Problem.UNSAFE_PATH, what + ": path " + EventField.quote(raw) + " " + why);
  }

  /** The value of an ASCII hex digit, or -1 (no other script's digits). */
  private static int hex(int c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }
}
