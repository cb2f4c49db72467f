package io.github.cloudeventshandler.core.spi;

import io.github.cloudeventshandler.core.internal.CloudEventAttributes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns text taken from an event into valid CloudEvents attribute values. A classifier that derives
 * {@code source} from a resource name, or {@code id} / {@code subject} from a field, builds the
 * value here: the platform delivered the event, so our formatting of it must never be the reason it
 * is refused. Characters the attribute's type does not allow are percent-encoded (as UTF-8 bytes,
 * upper-case hex), everything else is kept, so the value stays recognisable.
 *
 * <pre>{@code
 * AttributeValues.uriReference("arn:aws:cloudwatch:us-east-1:1:alarm:CPU > 80% {prod}");
 * //   arn:aws:cloudwatch:us-east-1:1:alarm:CPU%20%3E%2080%25%20%7Bprod%7D
 * AttributeValues.string("a\r\nb"); // "a%0D%0Ab"
 * }</pre>
 *
 * <p>These are for values we <em>derive</em>. An attribute an event states itself (the {@code
 * source} of a received CloudEvent) is the sender's to get right; the CloudEvents readers check it
 * and say what is wrong.
 */
public final class AttributeValues {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** RFC 3986 unreserved characters. */
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  /** RFC 3986 reserved characters: gen-delims and sub-delims. */
  private static final String RESERVED = ":/?#[]@!$&'()*+,;=";

  private AttributeValues() {}

  /**
   * A URI-reference (RFC 3986 §4.1, ASCII only) for a CloudEvents {@code source} or {@code
   * dataschema}. Text that already is one comes back unchanged. Otherwise, step by step until the
   * result parses: every character outside the URI grammar (space, {@code "<>\^`{|}}, controls,
   * non-ASCII) is percent-encoded, as is a {@code %} that does not start an escape and every {@code
   * #} after the first; then {@code [} and {@code ]} and a {@code :} that cannot end a scheme;
   * last, everything but unreserved characters, {@code /} and escapes.
   *
   * @param text non-empty text from an event
   * @return a URI-reference that {@link URI} parses and that holds only ASCII characters
   * @throws IllegalArgumentException when {@code text} is empty (a required field's reader reports
   *     an empty value before this is called)
   */
  public static URI uriReference(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a URI-reference attribute cannot be empty");
    }
    URI plain = parse(text);
    if (plain != null && isAscii(text)) {
      return plain;
    }
    for (int level = 1; level <= 3; level++) {
      URI u = parse(encode(text, level));
      if (u != null) {
        return u;
      }
    }
    // Level 3 keeps only unreserved characters, '/' and escapes: a relative reference, unless it
    // starts with "//" and has no authority after it ("//", "///x"), which java.net.URI refuses;
    // the second slash is then encoded, so the text stays a path.
    String level3 = encode(text, 3);
    if (level3.startsWith("//")) {
      URI u = parse("/%2F" + level3.substring(2));
      if (u != null) {
        return u;
      }
    }
    throw new IllegalStateException(
        "unreachable: no URI-reference for " + text.length() + " chars");
  }

  /**
   * Event text as the path of a URI we build around it, read as data: every character but
   * unreserved ones, sub-delimiters, {@code :}, {@code @} and {@code /} is percent-encoded as
   * UTF-8, {@code %} included, so {@code my%20sub} stays {@code my%20sub} once decoded (unlike
   * {@link #uriReference}, which keeps text that already is a URI-reference as it is). Resource
   * names in the documented forms ({@code projects/p/subscriptions/s}, {@code
   * projects/p/databases/(default)}) come back unchanged.
   *
   * <pre>{@code
   * URI.create("//pubsub.googleapis.com/" + AttributeValues.uriPath("projects/p/subscriptions/a b?"));
   * //   //pubsub.googleapis.com/projects/p/subscriptions/a%20b%3F
   * }</pre>
   *
   * @param text text from an event
   * @return the text, valid as (part of) the path of a URI-reference
   */
  public static String uriPath(String text) {
    return dataEncode(Objects.requireNonNull(text, "text"), true);
  }

  /**
   * As {@link #uriPath}, for a host (with an optional {@code :port}) after {@code //}: {@code /}
   * and {@code @} are encoded too.
   */
  public static String uriAuthority(String text) {
    return dataEncode(Objects.requireNonNull(text, "text"), false);
  }

  private static String dataEncode(String text, boolean path) {
    int i = 0;
    while (i < text.length() && keepsAsData(text.charAt(i), path)) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (byte x : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if (c < 0x80 && keepsAsData((char) c, path)) {
        sb.append((char) c);
      } else {
        pct(sb, c);
      }
    }
    return sb.toString();
  }

  private static boolean keepsAsData(char c, boolean path) {
    if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
      return true;
    }
    return switch (c) {
      case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':' -> true;
      case '@', '/' -> path;
      default -> false;
    };
  }

  /**
   * A value for a CloudEvents String attribute ({@code id}, {@code type}, {@code subject}, string
   * extensions): the control characters the CloudEvents type system forbids (U+0000–U+001F,
   * U+007F–U+009F) are percent-encoded as UTF-8 ({@code %0A}, {@code %C2%85}), and a lone UTF-16
   * surrogate, which is no Unicode character, becomes U+FFFD. Text without them comes back as it is
   * (the same instance).
   *
   * @param text text from an event
   * @return the text, valid as a CloudEvents String
   */
  public static String string(String text) {
    Objects.requireNonNull(text, "text");
    int i = 0;
    while (i < text.length() && allowed(text, i)) {
      i += Character.charCount(text.codePointAt(i));
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c) && !allowed(text, i)) {
        sb.append('\uFFFD');
        i++;
      } else if (isControl(c)) {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          pct(sb, b & 0xFF);
        }
        i++;
      } else {
        int cp = text.codePointAt(i);
        sb.appendCodePoint(cp);
        i += Character.charCount(cp);
      }
    }
    return sb.toString();
  }

  /**
   * The index of the first half of a surrogate pair without its other half, or -1. No CloudEvents
   * String may hold one (it is no Unicode character, and UTF-8 cannot carry it): a reader of a
   * received attribute refuses it, {@link #string} replaces it.
   */
  public static int loneSurrogate(String text) {
    return CloudEventAttributes.loneSurrogate(text);
  }

  /**
   * Whether a character (or code point) is a control character the CloudEvents String type forbids:
   * U+0000–U+001F, U+007F–U+009F. The one rule for it in the library.
   */
  public static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
  }

  private static boolean allowed(String s, int i) {
    char c = s.charAt(i);
    if (isControl(c)) {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return !Character.isLowSurrogate(c);
  }

  private static URI parse(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x7F || s.charAt(i) <= 0x20) {
        return false;
      }
    }
    return true;
  }

  /**
   * Percent-encodes {@code text}: level 1 what the URI grammar never allows, level 2 also {@code
   * []} and a colon that cannot end a scheme, level 3 everything but unreserved characters, {@code
   * /} and escapes.
   */
  private static String encode(String text, int level) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int schemeColon = level >= 2 ? -1 : Integer.MAX_VALUE;
    if (level == 2) {
      schemeColon = firstColonIfNotScheme(bytes);
    }
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    boolean fragment = false;
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xFF;
      boolean keep;
      if (c == '%') {
        keep = i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
      } else if (c >= 0x80 || UNRESERVED.indexOf(c) < 0 && RESERVED.indexOf(c) < 0) {
        keep = false;
      } else if (level == 3) {
        keep = c == '/' || UNRESERVED.indexOf(c) >= 0;
      } else if (c == '#') {
        keep = !fragment;
        fragment = true;
      } else if (level == 2 && (c == '[' || c == ']' || i == schemeColon)) {
        keep = false;
      } else {
        keep = true;
      }
      if (keep) {
        sb.append((char) c);
      } else {
        pct(sb, c);
      }
    }
    return sb.toString();
  }

  /** The index of the first ':' when what precedes it is not a valid scheme, else -1. */
  private static int firstColonIfNotScheme(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      int c = b[i];
      if (c == '/' || c == '?' || c == '#') {
        return -1;
      }
      if (c == ':') {
        return i == 0 || !isScheme(b, i) ? i : -1;
      }
    }
    return -1;
  }

  private static boolean isScheme(byte[] b, int end) {
    if (!isAlpha(b[0])) {
      return false;
    }
    for (int i = 1; i < end; i++) {
      int c = b[i];
      if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isHex(byte b) {
    return Character.digit(b, 16) >= 0;
  }

  private static void pct(StringBuilder sb, int c) {
    sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
  }
}
