package io.github.cloudeventshandler.core.spi;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.internal.CloudEventAttributes;
import io.github.cloudeventshandler.core.internal.Truncation;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;

/**
 * Writes a CloudEvent's context attributes as HTTP binary-mode {@code ce-*} headers, with values
 * percent-encoded as the CloudEvents HTTP binding requires (space, {@code "}, {@code %} and
 * everything outside printable ASCII, as UTF-8 bytes). CR and LF therefore never reach a header.
 *
 * <p>Bounded, so that any event gives a header block the bridge accepts: an encoded value longer
 * than {@value #MAX_VALUE} characters is truncated by the rule of {@link Truncation} (prefix, then
 * {@code ~} and 16 hex digits of the SHA-256 of the whole value), and once the {@code ce-*} fields
 * take {@value #MAX_TOTAL} bytes, further extension headers are left out. The required attributes
 * and {@code time}, {@code subject}, {@code dataschema} always fit. Every truncated or left-out
 * header is named in {@value #TRUNCATED}; the CloudEvent request attribute always holds every
 * attribute whole. Not part of the public API.
 */
public final class CloudEventHeaders {
  /** The most characters of one encoded {@code ce-*} value. */
  public static final int MAX_VALUE = 4096;

  /** The most bytes of all {@code ce-*} fields together (name, {@code ": "}, value, CRLF). */
  public static final int MAX_TOTAL = 32 * 1024;

  /** The header naming the {@code ce-*} headers that were truncated or left out. */
  public static final String TRUNCATED = "ceh-truncated";

  private CloudEventHeaders() {}

  /**
   * Appends {@code ce-*} fields for every attribute except {@code datacontenttype}, and {@value
   * #TRUNCATED} when any was truncated or left out.
   */
  public static void write(CloudEvent event, Headers.Builder out) {
    write(event, new Budget(out, true));
  }

  /**
   * Appends {@code ce-*} fields for every attribute except {@code datacontenttype}, each whole and
   * unbounded: for turning a CloudEvent a platform already parsed back into binary mode inside the
   * process (to classify it), never for a request to the application. The headers say exactly what
   * the event says, so that reading them checks the event itself: a value that UTF-8 cannot carry
   * (half of a surrogate pair, which a platform's JSON reader may let through) is refused.
   *
   * @param provider names the provider in the message, e.g. {@code gcp}
   * @throws BadEventException {@link Problem#INVALID_FIELD} for a value with a lone surrogate
   */
  public static void writeWhole(CloudEvent event, Headers.Builder out, String provider) {
    write(event, new Budget(out, false, event, provider));
  }

  private static void write(CloudEvent event, Budget b) {
    b.add("ce-specversion", event.getSpecVersion().toString());
    b.add("ce-id", event.getId());
    b.add("ce-source", event.getSource().toString());
    b.add("ce-type", event.getType());
    if (event.getTime() != null) {
      b.add("ce-time", Timestamps.format(event.getTime()));
    }
    if (event.getSubject() != null) {
      b.add("ce-subject", event.getSubject());
    }
    if (event.getDataSchema() != null) {
      b.add("ce-dataschema", event.getDataSchema().toString());
    }
    for (String name : event.getExtensionNames()) {
      Object v = event.getExtension(name);
      if (v != null) {
        b.add("ce-" + name, format(v));
      }
    }
    b.finish();
  }

  /** Counts the bytes of the fields written so far and remembers what did not fit. */
  private static final class Budget {
    private final Headers.Builder out;
    private final boolean bounded;
    private final StringBuilder truncated = new StringBuilder();
    private int used;

    private final CloudEvent event;
    private final String provider;

    Budget(Headers.Builder out, boolean bounded) {
      this(out, bounded, null, null);
    }

    Budget(Headers.Builder out, boolean bounded, CloudEvent event, String provider) {
      this.out = out;
      this.bounded = bounded;
      this.event = event;
      this.provider = provider;
    }

    void add(String name, String raw) {
      String encoded = encode(raw);
      if (!bounded) {
        int lone = CloudEventAttributes.loneSurrogate(raw);
        if (lone >= 0) {
          throw new BadEventException(
              Problem.INVALID_FIELD,
              provider
                  + " CloudEvent id "
                  + EventField.quote(event.getId())
                  + ": attribute '"
                  + name.substring("ce-".length())
                  + "' contains U+"
                  + String.format(Locale.ROOT, "%04X", (int) raw.charAt(lone))
                  + " at index "
                  + lone
                  + ", half of a surrogate pair without the other half (not a Unicode"
                  + " character)");
        }
        out.add(name, encoded);
        return;
      }
      String value = Truncation.cut(encoded, MAX_VALUE, raw);
      // value == headerValue(raw), without encoding twice
      int size = name.length() + value.length() + 4;
      if (used + size > MAX_TOTAL) {
        note(name);
        return;
      }
      if (value.length() != encoded.length()) {
        note(name);
      }
      used += size;
      out.add(name, value);
    }

    private void note(String name) {
      truncated.append(truncated.length() == 0 ? "" : ",").append(name);
    }

    void finish() {
      if (truncated.length() > 0) {
        String names = truncated.toString();
        out.add(TRUNCATED, Truncation.cut(encode(names), 1024, names));
      }
    }
  }

  /**
   * The value an attribute has in its {@code ce-*} header: percent-encoded and, over {@value
   * #MAX_VALUE} characters, truncated by the rule of {@link Truncation}. What a filter that reads
   * either the header or the CloudEvent attribute must use to get the same text both ways.
   */
  public static String headerValue(String raw) {
    return Truncation.cut(encode(raw), MAX_VALUE, raw);
  }

  /** The canonical string form of an attribute value of any CloudEvents type. */
  public static String format(Object v) {
    if (v instanceof OffsetDateTime t) {
      return Timestamps.format(t);
    } else if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    } else if (v instanceof URI u) {
      return u.toString();
    }
    return String.valueOf(v);
  }

  /**
   * Reads a {@code ce-*} header value back, per the CloudEvents HTTP binding §3.1.3.2: an RFC 7230
   * quoted string is unquoted, then percent-escapes are decoded exactly once and the bytes must be
   * UTF-8. A raw control character (other than HTAB, which HTTP allows in a value) is refused; a
   * decoded one is kept, for the caller's rule ({@link #decodeString} refuses it, as every
   * CloudEvents String must). The one reader of binary-mode headers for every provider.
   *
   * @param what names the event in the message
   * @param header the header's name, for the message
   * @throws BadEventException {@link Problem#UNSAFE_HEADER} naming the header and what is wrong
   */
  public static String decode(String what, String header, String value) {
    int raw = CloudEventAttributes.controlCharacter(value.replace('\t', ' '));
    if (raw >= 0) {
      throw unsafe(what, header, value, "a raw control character");
    }
    String v = value.strip();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = unquote(what, header, value, v.substring(1, v.length() - 1));
    }
    if (v.indexOf('%') < 0) {
      return v;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(v.length());
    for (int i = 0; i < v.length(); ) {
      char c = v.charAt(i);
      if (c == '%') {
        int hi = i + 2 < v.length() ? Character.digit(v.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(v.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw unsafe(what, header, value, "invalid percent-encoding at offset " + i);
        }
        bytes.write((hi << 4) | lo);
        i += 3;
      } else {
        int cp = v.codePointAt(i);
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(cp);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw unsafe(what, header, value, "percent-encoded bytes that are not valid UTF-8");
    }
  }

  /**
   * {@link #decode}, for a value that is a CloudEvents String: a control character once decoded
   * (U+0000–U+001F, U+007F–U+009F) is refused too.
   *
   * @throws BadEventException {@link Problem#UNSAFE_HEADER} naming the header and what is wrong
   */
  public static String decodeString(String what, String header, String value) {
    String decoded = decode(what, header, value);
    int control = CloudEventAttributes.controlCharacter(decoded);
    if (control >= 0) {
      throw unsafe(
          what,
          header,
          value,
          "control character U+" + String.format(Locale.ROOT, "%04X", control) + " once decoded");
    }
    return decoded;
  }

  private static String unquote(String what, String header, String value, String inner) {
    StringBuilder sb = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\') {
        if (i + 1 == inner.length()) {
          throw unsafe(what, header, value, "a quoted string ending in a backslash");
        }
        sb.append(inner.charAt(++i));
      } else if (c == '"') {
        throw unsafe(what, header, value, "an unescaped quote inside a quoted string");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static BadEventException unsafe(String what, String header, String value, String why) {
    return new BadEventException(
        Problem.UNSAFE_HEADER,
        what
            + ": header "
            + EventField.printable(header)
            + " "
            + EventField.quote(value)
            + " has "
            + why);
  }

  /** Percent-encodes a header value per the CloudEvents HTTP binding §3.1.3.2. */
  public static String encode(String value) {
    boolean plain = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7F || c == '"' || c == '%') {
        plain = false;
        break;
      }
    }
    if (plain) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c <= 0x20 || c >= 0x7F || c == '"' || c == '%') {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
