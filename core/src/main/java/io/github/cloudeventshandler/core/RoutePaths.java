package io.github.cloudeventshandler.core;

import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds routes from event data safely ({@code docs/architecture.md}, "Security rules").
 * Event-derived text is decoded exactly once by the caller, then each segment is checked: no {@code
 * .} or {@code ..}, no {@code /} or {@code \}, no NUL or control characters. Safe segments are
 * percent-encoded into the path.
 *
 * <pre>{@code
 * RoutePaths.fromSource("//storage.googleapis.com/projects/_/buckets/b"); // "/storage.googleapis.com/projects/_/buckets/b"
 * RoutePaths.segment("aws.s3");                                          // "aws.s3"
 * }</pre>
 */
public final class RoutePaths {
  private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

  /** The characters RFC 3986 allows in a path segment, plus {@code %} for escapes. */
  private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%-]+");

  /** Escapes that decode to a separator ({@code / \\}) or a control character. */
  private static final Pattern ENCODED_UNSAFE =
      Pattern.compile("%(?:2[fF]|5[cC]|[01][0-9a-fA-F]|7[fF])");

  private RoutePaths() {}

  /**
   * Checks one decoded path segment and returns it percent-encoded.
   *
   * @throws BadEventException {@link Problem#UNSAFE_PATH} naming the segment
   */
  public static String segment(String decoded) {
    if (decoded.isEmpty()) {
      throw new BadEventException(Problem.UNSAFE_PATH, "route segment is empty");
    }
    if (decoded.equals(".") || decoded.equals("..")) {
      throw new BadEventException(
          Problem.UNSAFE_PATH, "route segment '" + decoded + "' is a dot segment");
    }
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c == '/' || c == '\\') {
        throw new BadEventException(
            Problem.UNSAFE_PATH, "route segment " + quote(decoded) + " contains '" + c + "'");
      }
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        throw new BadEventException(
            Problem.UNSAFE_PATH,
            "route segment "
                + quote(decoded)
                + " contains control character U+"
                + String.format(Locale.ROOT, "%04X", (int) c));
      }
    }
    return encode(decoded);
  }

  /**
   * A route from a CloudEvent {@code source}: a URI scheme with authority ({@code https://}) and
   * leading and trailing slashes are dropped, the rest is split on {@code /} and every segment
   * checked. Other URI references keep their text ({@code urn:uuid:1} becomes {@code /urn:uuid:1}).
   *
   * @throws BadEventException {@link Problem#UNSAFE_PATH} when a segment is unsafe
   */
  public static String fromSource(String source) {
    String s = source;
    int scheme = s.indexOf("://");
    if (scheme > 0 && URI_SCHEME.matcher(s).region(0, scheme).matches()) {
      s = s.substring(scheme + 3);
    }
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new BadEventException(
          Problem.UNSAFE_PATH, "CloudEvent source " + quote(source) + " gives an empty route");
    }
    StringBuilder route = new StringBuilder();
    for (String part : s.split("/", -1)) {
      try {
        route.append('/').append(segment(part));
      } catch (BadEventException e) {
        throw new BadEventException(
            Problem.UNSAFE_PATH,
            "CloudEvent source " + quote(source) + " cannot become a route: " + stripAnchor(e),
            e);
      }
    }
    return route.toString();
  }

  /**
   * Checks a configured or computed route: starts with {@code /}, has no empty, dot or
   * control-character segment, and every character is allowed in a path.
   *
   * @throws BadEventException {@link Problem#UNSAFE_PATH}
   */
  public static String checkRoute(String route) {
    if (route.equals("/")) {
      return route;
    }
    if (!route.startsWith("/") || route.endsWith("/")) {
      throw new BadEventException(
          Problem.UNSAFE_PATH, "route " + quote(route) + " must start and not end with '/'");
    }
    for (String part : route.substring(1).split("/", -1)) {
      if (part.isEmpty()
          || part.equals(".")
          || part.equals("..")
          || part.equalsIgnoreCase("%2e")
          || part.equalsIgnoreCase("%2e%2e")
          || part.equalsIgnoreCase(".%2e")
          || part.equalsIgnoreCase("%2e.")) {
        throw new BadEventException(
            Problem.UNSAFE_PATH, "route " + quote(route) + " has an empty or dot segment");
      }
      if (!PATH_SEGMENT.matcher(part).matches() || ENCODED_UNSAFE.matcher(part).find()) {
        throw new BadEventException(
            Problem.UNSAFE_PATH, "route " + quote(route) + " has an unsafe segment " + quote(part));
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

  private static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7F ? String.format(Locale.ROOT, "\\u%04x", (int) c) : c);
    }
    return sb.append(s.length() > 200 ? "…'" : "'").toString();
  }

  private static String stripAnchor(BadEventException e) {
    String m = e.getMessage();
    int i = m.lastIndexOf(" (see docs/");
    return i > 0 ? m.substring(0, i) : m;
  }
}
