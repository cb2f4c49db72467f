package io.github.cloudeventshandler.core.internal;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.core.spi.EventField;
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
            what + ": header " + EventField.printable(header) + " appears more than once");
      }
      attributes.put(name, CloudEventHeaders.decodeString(what, header, field.getValue()));
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
}
