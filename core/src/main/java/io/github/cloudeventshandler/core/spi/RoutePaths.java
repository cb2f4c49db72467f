package io.github.cloudeventshandler.core.spi;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.internal.Truncation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one rule that turns event values into routes (README, "Routes"). Every route built here is a
 * request path that Jetty's default URI compliance accepts and that cannot escape its prefix, for
 * any input: building a route from an event value never fails.
 *
 * <ul>
 *   <li>A segment keeps ASCII letters, digits and {@code -._~!$&'()*+,=:@} as they are; other
 *       characters are percent-encoded as UTF-8 ({@code ;} too, so it never starts a path
 *       parameter), except those no request path can carry even encoded under Jetty's defaults
 *       ({@code /}, {@code \}, {@code %}, control characters), which become {@code _}. A segment
 *       that is exactly {@code .} or {@code ..} becomes {@code _} or {@code __}.
 *   <li>No Unicode normalisation and no case folding: the Kelvin sign (U+212A), which Java
 *       lower-cases to {@code k} and NFKC turns into {@code K}, stays {@code %E2%84%AA}. Rules that
 *       lower-case (Event Grid) use {@link #lowerAscii(String)}, which changes only {@code
 *       A}–{@code Z}.
 *   <li>A route longer than {@value #MAX_LENGTH} characters is truncated by the rule of {@code
 *       Truncation}: its prefix, then {@code ~} and 16 hex digits of the SHA-256 of the whole
 *       value. The full value always travels in the {@code ce-*} headers and the CloudEvent
 *       attribute.
 *   <li>The service namespaces {@code /aws.*}, {@code /google.*}, {@code /microsoft.*} and {@code
 *       /azure.*} are reserved for events whose origin the classifier verified. A route built from
 *       a value any publisher chooses goes through {@link #publisherChosen(String)}, which puts it
 *       under {@value #UNVERIFIED} when it would land in a reserved namespace.
 * </ul>
 *
 * <pre>{@code
 * RoutePaths.fromSource("//storage.googleapis.com/projects/_/buckets/b"); // "/storage.googleapis.com/projects/_/buckets/b"
 * RoutePaths.fromSource("https://example.com/caf%C3%A9");                 // "/example.com/caf%C3%A9"
 * RoutePaths.fromName("a%25b");                                          // "/a_25b"
 * RoutePaths.publisherChosen(RoutePaths.fromSource("aws.s3"));           // "/unverified/aws.s3"
 * }</pre>
 */
public final class RoutePaths {
  /** The most characters an event-derived route has; longer ones are truncated. */
  public static final int MAX_LENGTH = 1024;

  /** The prefix of publisher-chosen routes that would otherwise land in a reserved namespace. */
  public static final String UNVERIFIED = "/unverified";

  /**
   * The reserved service namespaces: a route whose first segment is one of these or starts with one
   * and a dot.
   */
  public static final List<String> RESERVED = List.of("aws", "google", "microsoft", "azure");

  private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

  /** The characters a configured route segment may hold: RFC 3986 {@code pchar} less {@code ;}. */
  private static final Pattern ROUTE_SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,=:@%-]+");

  private RoutePaths() {}

  /**
   * One event value as one canonical route segment (the rule in the class comment). Never fails for
   * a non-empty value.
   *
   * @throws BadEventException {@link Problem#UNSAFE_PATH} when the value is empty
   */
  public static String segment(String value) {
    if (value.isEmpty()) {
      throw new BadEventException(Problem.UNSAFE_PATH, "route segment is empty");
    }
    if (value.equals(".")) {
      return "_";
    }
    if (value.equals("..")) {
      return "__";
    }
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (isLiteral(cp)) {
        out.append((char) cp);
      } else if (cp == '/'
          || cp == '\\'
          || cp == '%'
          || Character.getType(cp) == Character.CONTROL) {
        out.append('_');
      } else {
        if (Character.getType(cp) == Character.SURROGATE) {
          cp = 0xFFFD; // an unpaired surrogate has no UTF-8 form
        }
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          escape(out, b & 0xFF);
        }
      }
    }
    return out.toString();
  }

  /**
   * A route from a name that is not a URI (an EventBridge {@code source}, an Event Grid type, an
   * IoT event name): split on {@code /}, empty parts dropped, each part a {@link #segment}; {@code
   * /} when nothing is left. Never fails.
   */
  public static String fromName(String name) {
    return bounded(join(name, false), name);
  }

  /**
   * A route from a CloudEvent {@code source} (a URI reference): a {@code scheme://} prefix is
   * dropped, the rest is split on {@code /}, empty parts are dropped, each part is percent-decoded
   * once (the source is a URI, so {@code caf%C3%A9} means {@code café}) and becomes a {@link
   * #segment}; {@code /} when nothing is left. {@code urn:uuid:1} becomes {@code /urn:uuid:1}.
   * Never fails.
   */
  public static String fromSource(String source) {
    String s = source;
    int scheme = s.indexOf("://");
    if (scheme > 0 && URI_SCHEME.matcher(s).region(0, scheme).matches()) {
      s = s.substring(scheme + 3);
    }
    return bounded(join(s, true), source);
  }

  /**
   * A route built from a value any publisher chooses (a CloudEvent source, a custom EventBridge
   * source, an Event Grid custom topic's type, an IoT event name): the route itself, or {@value
   * #UNVERIFIED} + the route when it would land in a reserved namespace.
   */
  public static String publisherChosen(String route) {
    return isReserved(route) ? UNVERIFIED + route : route;
  }

  /**
   * Whether a route's first segment is in a reserved namespace: it is {@code aws}, {@code google},
   * {@code microsoft} or {@code azure}, or starts with one of them and a dot, ignoring ASCII case.
   */
  public static boolean isReserved(String route) {
    int start = route.startsWith("/") ? 1 : 0;
    int end = route.indexOf('/', start);
    String first = lowerAscii(route.substring(start, end < 0 ? route.length() : end));
    for (String r : RESERVED) {
      if (first.equals(r) || (first.startsWith(r) && first.charAt(r.length()) == '.')) {
        return true;
      }
    }
    return false;
  }

  /** The value with {@code A}–{@code Z} lower-cased and every other character kept. */
  public static String lowerAscii(String s) {
    char[] c = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'A' && ch <= 'Z') {
        if (c == null) {
          c = s.toCharArray();
        }
        c[i] = (char) (ch + ('a' - 'A'));
      }
    }
    return c == null ? s : new String(c);
  }

  /**
   * Checks a configured or computed route: {@code /}, or {@code /}-separated segments, none empty,
   * none a dot segment (also when encoded), no {@code ;}, every character allowed in a path, every
   * escape well-formed UTF-8 that is not {@code %}, {@code /}, {@code \} or a control character
   * (Jetty's default URI compliance refuses those), at most {@value #MAX_LENGTH} characters.
   *
   * @throws BadEventException {@link Problem#UNSAFE_PATH} saying what is wrong
   */
  public static String checkRoute(String route) {
    if (route.equals("/")) {
      return route;
    }
    if (!route.startsWith("/") || route.endsWith("/")) {
      throw unsafe(route, "must start and not end with '/'");
    }
    if (route.length() > MAX_LENGTH) {
      throw unsafe(route, "is longer than " + MAX_LENGTH + " characters");
    }
    for (String part : route.substring(1).split("/", -1)) {
      if (part.isEmpty()) {
        throw unsafe(route, "has an empty segment");
      }
      if (part.indexOf(';') >= 0) {
        throw unsafe(route, "has ';', which starts a path parameter (write it as %3B)");
      }
      if (!ROUTE_SEGMENT.matcher(part).matches()) {
        throw unsafe(
            route, "has a character a path cannot carry in segment " + EventField.quote(part));
      }
      String decoded = decodeStrict(route, part);
      if (decoded.equals(".") || decoded.equals("..")) {
        throw unsafe(route, "has a dot segment " + EventField.quote(part));
      }
    }
    return route;
  }

  /** Joins a validated prefix and a validated route. */
  public static String join(String prefix, String route) {
    if (prefix.isEmpty()) {
      return route;
    }
    return route.equals("/") ? prefix : prefix + route;
  }

  private static String join(String path, boolean decode) {
    StringBuilder route = new StringBuilder();
    int i = 0;
    while (i <= path.length()) {
      int slash = path.indexOf('/', i);
      int end = slash < 0 ? path.length() : slash;
      if (end > i) {
        String part = path.substring(i, end);
        route.append('/').append(segment(decode ? decodeOnce(part) : part));
      }
      i = end + 1;
    }
    return route.length() == 0 ? "/" : route.toString();
  }

  private static String bounded(String route, String whole) {
    return Truncation.cut(route, MAX_LENGTH, whole);
  }

  /** One round of percent-decoding; malformed escapes stay as text, malformed UTF-8 is U+FFFD. */
  static String decodeOnce(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      int hi = i + 2 < s.length() && c == '%' ? hex(s.charAt(i + 1)) : -1;
      int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
      if (hi >= 0 && lo >= 0) {
        bytes.write(hi * 16 + lo);
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        i += Character.charCount(cp);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Decodes a configured route segment, refusing what Jetty refuses. */
  private static String decodeStrict(String route, String part) {
    if (part.indexOf('%') < 0) {
      return part;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c != '%') {
        bytes.write(c);
        continue;
      }
      int hi = i + 2 < part.length() ? hex(part.charAt(i + 1)) : -1;
      int lo = hi >= 0 ? hex(part.charAt(i + 2)) : -1;
      if (hi < 0 || lo < 0) {
        throw unsafe(route, "has a '%' that is not followed by two hex digits");
      }
      int b = hi * 16 + lo;
      if (b == '%' || b == '/' || b == '\\' || b < 0x20 || b == 0x7F) {
        throw unsafe(
            route,
            "has the escape "
                + part.substring(i, i + 3)
                + ", which Jetty refuses in a path (encoded '%', '/', '\\' or control character)");
      }
      bytes.write(b);
      i += 2;
    }
    byte[] b = bytes.toByteArray();
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw unsafe(route, "has escapes that are not UTF-8 in segment " + EventField.quote(part));
    }
  }

  private static boolean isLiteral(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || (c < 0x80 && "-._~!$&'()*+,=:@".indexOf(c) >= 0);
  }

  private static void escape(StringBuilder out, int b) {
    out.append('%')
        .append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
  }

  private static BadEventException unsafe(String route, String why) {
    return new BadEventException(
        Problem.UNSAFE_PATH, "route " + EventField.quote(route) + " " + why);
  }

  /** The value of an ASCII hex digit, or -1 (no other script's digits). */
  private static int hex(int c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }
}
