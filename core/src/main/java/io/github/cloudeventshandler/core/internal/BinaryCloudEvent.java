package io.github.cloudeventshandler.core.internal;

import static io.github.cloudeventshandler.core.internal.CloudEventAttributes.quote;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an event in CloudEvents HTTP binary mode: attributes in {@code ce-*} headers, {@code
 * Content-Type} as {@code datacontenttype}, the body as data. Header values are unquoted (RFC 7230
 * quoted strings), then percent-decoded exactly once as UTF-8; invalid percent-encoding, invalid
 * UTF-8 (such as the overlong {@code %C0%A0}) and control characters are rejected.
 */
final class BinaryCloudEvent {
  static final String PREFIX = "ce-";

  /** Media type of a binary-mode request without a {@code Content-Type}. */
  static final String OCTET_STREAM = "application/octet-stream";

  private BinaryCloudEvent() {}

  /** Whether the transport headers carry any required {@code ce-*} attribute. */
  static boolean claims(Headers headers) {
    return headers.contains("ce-specversion")
        || headers.contains("ce-id")
        || headers.contains("ce-source")
        || headers.contains("ce-type");
  }

  /** Reads and validates the event. */
  static ParsedCloudEvent read(RawEvent raw) {
    Headers headers = raw.headers();
    String what =
        CloudEventAttributes.describe(
            raw.provider(),
            "binary-mode",
            headers.first("ce-id").orElse(null),
            headers.first("ce-source").orElse(null));
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, String> field : headers.fields()) {
      String header = field.getKey().toLowerCase(Locale.ROOT);
      if (!header.startsWith(PREFIX)) {
        continue;
      }
      String name = header.substring(PREFIX.length());
      if (name.equals("datacontenttype")) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            what
                + ": header ce-datacontenttype must not be sent in binary mode; the Content-Type"
                + " header carries datacontenttype");
      }
      if (attributes.containsKey(name)) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            what + ": header " + CloudEventAttributes.escape(header) + " appears more than once");
      }
      attributes.put(name, decode(what, header, field.getValue()));
    }
    String specVersion = attributes.remove("specversion");
    if (specVersion == null || specVersion.isEmpty()) {
      throw CloudEventAttributes.missing(what, "specversion");
    }
    CloudEventAttributes.checkSpecVersion(what, specVersion);
    io.cloudevents.core.v1.CloudEventBuilder b = CloudEventBuilder.v1();
    CloudEventAttributes.setRequired(
        b, what, attributes.remove("id"), attributes.remove("source"), attributes.remove("type"));
    String time = attributes.remove("time");
    if (time != null) {
      CloudEventAttributes.setTime(b, what, time);
    }
    String subject = attributes.remove("subject");
    if (subject != null) {
      CloudEventAttributes.setSubject(b, what, subject);
    }
    String schema = attributes.remove("dataschema");
    if (schema != null) {
      CloudEventAttributes.setDataSchema(b, what, schema);
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      CloudEventAttributes.checkExtensionName(what, e.getKey());
      b.withExtension(e.getKey(), e.getValue());
    }
    String contentType = raw.contentType().orElse(null);
    if (contentType != null) {
      contentType = CloudEventAttributes.checkContentType(what, "Content-Type", contentType);
    }
    byte[] body = raw.body();
    if (contentType != null) {
      b.withData(contentType, body);
    } else if (body.length > 0) {
      b.withData(body);
    }
    return new ParsedCloudEvent(
        b.build(), new Payload(contentType != null ? contentType : OCTET_STREAM, body), what);
  }

  /**
   * Decodes one header value per the CloudEvents HTTP binding §3.1.3.2: an RFC 7230 quoted string
   * is unquoted, then percent-escapes are decoded exactly once and the bytes must be UTF-8.
   *
   * @throws BadEventException {@link Problem#UNSAFE_HEADER} naming the header
   */
  static String decode(String what, String header, String value) {
    int raw = CloudEventAttributes.controlCharacter(value.replace('\t', ' '));
    if (raw >= 0) {
      throw unsafe(what, header, value, "a raw control character");
    }
    String v = value.strip();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = unquote(what, header, value, v.substring(1, v.length() - 1));
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
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw unsafe(what, header, value, "percent-encoded bytes that are not valid UTF-8");
    }
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
            + CloudEventAttributes.escape(header)
            + " "
            + quote(value)
            + " has "
            + why);
  }
}
