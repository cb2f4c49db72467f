package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.core.spi.Timestamps;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a CloudEvent from a {@link RawEvent} in HTTP structured mode ({@code Content-Type:
 * application/cloudevents+json}, which decides first, as the HTTP binding says) or binary mode
 * ({@code ce-*} headers, body = data), per the CloudEvents 1.0 HTTP binding and JSON format. Header
 * values are percent-decoded exactly once and must be valid UTF-8; no attribute but {@code subject}
 * and the extensions (names and other data) may hold a control character.
 *
 * <p>One leniency, documented in gcp/README.md: structured-mode extension names with upper-case
 * letters ({@code methodName} in Google's own audit-log example) are lower-cased, which is what the
 * same event looks like in binary mode ({@code ce-methodname}).
 */
public final class CloudEventReader {
  /** The source named in messages about a structured CloudEvent (as the core's reader's kind). */
  private static final String KIND = "cloudevents";

  private static final String STRUCTURED = "application/cloudevents+json";
  private static final String BATCH = "application/cloudevents-batch";
  private static final Set<String> DEFINED =
      Set.of(
          "specversion",
          "id",
          "source",
          "type",
          "datacontenttype",
          "dataschema",
          "subject",
          "time");

  /** Names no extension may take: the defined attributes and the data members. */
  private static final Set<String> RESERVED = reserved();

  private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]+");
  private static final Pattern LOOSE_EXTENSION_NAME = Pattern.compile("[A-Za-z0-9]+");
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

  /**
   * Limits for parsing event data that was already size-checked as part of the whole event: no size
   * cap of its own, the default nesting limit.
   */
  static final JsonLimits DATA_LIMITS =
      new JsonLimits(Integer.MAX_VALUE, JsonLimits.DEFAULT.maxDepth());

  private CloudEventReader() {}

  private static Set<String> reserved() {
    Set<String> names = new HashSet<>(DEFINED);
    names.add("data");
    names.add("data_base64");
    return Set.copyOf(names);
  }

  /** Whether the raw event is an HTTP CloudEvent in binary or structured mode (not a batch). */
  public static boolean isCloudEvent(RawEvent raw) {
    return raw.headers().contains("ce-specversion") || isStructured(raw);
  }

  private static boolean isStructured(RawEvent raw) {
    return raw.contentType()
        .map(ct -> ct.trim().toLowerCase(Locale.ROOT).startsWith(STRUCTURED))
        .orElse(false);
  }

  /** Whether the raw event is a CloudEvents batch ({@code application/cloudevents-batch+json}). */
  public static boolean isBatch(RawEvent raw) {
    return raw.contentType()
        .map(ct -> ct.trim().toLowerCase(Locale.ROOT).startsWith(BATCH))
        .orElse(false);
  }

  /**
   * The event's {@code type}, cheaply: the decoded {@code ce-type} header in binary mode, the
   * {@code type} member in structured mode. Empty when the raw event is not a CloudEvent or has no
   * usable type (reading it fully then gives the precise error).
   */
  public static Optional<String> peekType(RawEvent raw) {
    if (!isStructured(raw)) {
      return raw.headers().contains("ce-specversion")
          ? raw.header("ce-type").map(v -> decodeOrNull(v)).filter(v -> v != null)
          : Optional.empty();
    }
    if (!raw.looksLikeJson()) {
      return Optional.empty();
    }
    try {
      EventField type = EventField.root(raw.json(), RawEvent.GCP, KIND).get("type");
      if (type.isString()) {
        return type.optStringOrEmpty();
      }
    } catch (BadEventException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * Reads the CloudEvent.
   *
   * @throws BadEventException naming the attribute when the event is malformed
   */
  public static GoogleEvent read(RawEvent raw) {
    if (isStructured(raw)) {
      return readStructured(raw);
    }
    if (raw.headers().contains("ce-specversion")) {
      return readBinary(raw);
    }
    throw new BadEventException(
        Problem.MISSING_FIELD,
        "gcp CloudEvent: neither a ce-specversion header nor Content-Type " + STRUCTURED);
  }

  private static GoogleEvent readBinary(RawEvent raw) {
    String what = "gcp CloudEvent (binary mode)";
    if (raw.headers().contains("ce-datacontenttype")) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": header ce-datacontenttype must not be sent; Content-Type carries it");
    }
    String spec = header(raw, "ce-specversion", what);
    String id = header(raw, "ce-id", what);
    String source = header(raw, "ce-source", what);
    String type = header(raw, "ce-type", what);
    what = "gcp CloudEvent id '" + id + "' of type '" + type + "'";
    checkSpec(what, spec);
    CloudEventBuilder b = CloudEventBuilder.v1();
    b.withId(id).withSource(uri(what, "source", source)).withType(type);
    for (String name : raw.headers().names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("ce-")) {
        continue;
      }
      String attr = lower.substring(3);
      if (attr.equals("specversion")
          || attr.equals("id")
          || attr.equals("source")
          || attr.equals("type")) {
        continue;
      }
      if (raw.headers().all(name).size() > 1) {
        throw new BadEventException(
            Problem.DUPLICATE_KEY, what + ": header " + name + " appears more than once");
      }
      String value = CloudEventHeaders.decode(what, name, raw.header(name).orElseThrow());
      setAttribute(b, what, attr, value, false);
    }
    byte[] body = raw.body();
    String contentType = raw.contentType().orElse(null);
    if (contentType != null) {
      b.withDataContentType(contentType);
    }
    if (body.length > 0 || contentType != null) {
      b.withData(body);
    }
    CloudEvent event = b.build();
    return new GoogleEvent(
        event, new Payload(contentType == null ? Payload.JSON : contentType, body), "binary");
  }

  private static GoogleEvent readStructured(RawEvent raw) {
    JsonObject o = StrictJson.parseObject(raw.body(), raw.limits(), "gcp CloudEvent (structured)");
    String what = "gcp CloudEvent (structured)";
    EventField unknown = EventField.root(o, RawEvent.GCP, KIND);
    String spec = member(unknown, "specversion", what);
    String id = member(unknown, "id", what);
    String type = member(unknown, "type", what);
    what = "gcp CloudEvent id '" + id + "' of type '" + type + "'";
    EventField root = unknown.withEventId(id);
    String source = member(root, "source", what);
    checkSpec(what, spec);
    CloudEventBuilder b = CloudEventBuilder.v1();
    b.withId(check(what, "id", id))
        .withSource(uri(what, "source", check(what, "source", source)))
        .withType(check(what, "type", type));
    EventField data = root.get("data");
    EventField data64 = root.get("data_base64");
    if (data.isPresent() && data64.isPresent()) {
      throw new BadEventException(
          Problem.INCONSISTENT, what + ": has both data and data_base64; they exclude each other");
    }
    String contentType = null;
    Set<String> lowered = new HashSet<>();
    for (Map.Entry<String, EventField> m : root.members().entrySet()) {
      String name = m.getKey();
      EventField v = m.getValue();
      if (Set.of("specversion", "id", "source", "type", "data", "data_base64").contains(name)
          || !v.isPresent()) {
        continue;
      }
      if (v.isObject() || v.isArray()) {
        throw v.invalid(
            "must be a string, number or boolean but is " + StrictJson.kindOf(v.json()));
      }
      if (name.equals("datacontenttype")) {
        contentType = check(what, name, primitiveString(v));
        b.withDataContentType(contentType);
        continue;
      }
      if (!DEFINED.contains(name) && !EXTENSION_NAME.matcher(name).matches()) {
        if (!LOOSE_EXTENSION_NAME.matcher(name).matches()) {
          throw new BadEventException(
              Problem.INVALID_FIELD,
              what + ": extension name '" + name + "' is not lower-case letters and digits");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower)) {
          throw new BadEventException(
              Problem.INVALID_FIELD,
              what
                  + ": '"
                  + name
                  + "' is the CloudEvents attribute '"
                  + lower
                  + "' spelled with upper-case letters; attribute names are lower-case");
        }
        if (o.has(lower) || !lowered.add(lower)) {
          throw new BadEventException(
              Problem.DUPLICATE_KEY,
              what + ": extension '" + name + "' is given twice, in different letter cases");
        }
        name = lower;
      }
      if (v.isBoolean() && !DEFINED.contains(name)) {
        b.withExtension(name, v.optBoolean().orElseThrow());
      } else if (v.isNumber() && !DEFINED.contains(name)) {
        String text = v.optText().orElseThrow();
        Integer i = intValue(text);
        if (i == null) {
          throw v.invalid("is not a 32-bit integer (a CloudEvents Integer): " + text);
        }
        b.withExtension(name, i);
      } else {
        setAttribute(b, what, name, primitiveString(v), true);
      }
    }
    byte[] bytes = null;
    if (data64.isPresent()) {
      bytes = data64.base64();
    } else if (root.has("data")) {
      // a JSON null is data too (the JSON value null), as it was sent
      if (isJson(contentType) || !data.isString()) {
        bytes = JsonText.write(o.get("data")).getBytes(StandardCharsets.UTF_8);
      } else {
        bytes = data.optStringOrEmpty().orElseThrow().getBytes(StandardCharsets.UTF_8);
      }
    }
    if (bytes != null) {
      b.withData(bytes);
      if (contentType == null) {
        contentType = Payload.JSON;
        b.withDataContentType(contentType);
      }
    }
    return new GoogleEvent(
        b.build(),
        new Payload(
            contentType == null ? Payload.JSON : contentType, bytes == null ? new byte[0] : bytes),
        "structured");
  }

  /** Whether a media type is JSON: absent, {@code * /json} or {@code * /*+json}. */
  public static boolean isJson(String contentType) {
    if (contentType == null) {
      return true;
    }
    String ct = contentType.toLowerCase(Locale.ROOT);
    int semi = ct.indexOf(';');
    if (semi >= 0) {
      ct = ct.substring(0, semi);
    }
    ct = ct.trim();
    return ct.endsWith("/json") || ct.endsWith("+json");
  }

  private static Integer intValue(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Sets an optional attribute. {@code subject} and extension values are data (object names,
   * resource names): a control character in them, percent-encoded in a header or escaped in JSON,
   * is kept (it is percent-encoded again whenever the attribute is written as a header); the other
   * attributes must be free of them.
   */
  private static void setAttribute(
      CloudEventBuilder b, String what, String name, String value, boolean structured) {
    boolean data = name.equals("subject") || !DEFINED.contains(name);
    if (data) {
      checkText(what, name, value);
    } else {
      check(what, name, value);
    }
    switch (name) {
      case "time" -> b.withTime(time(what, value));
      case "subject" -> b.withSubject(value);
      case "dataschema" -> b.withDataSchema(uri(what, "dataschema", value));
      case "datacontenttype" -> b.withDataContentType(value);
      default -> {
        if (!EXTENSION_NAME.matcher(name).matches() || RESERVED.contains(name)) {
          throw new BadEventException(
              Problem.INVALID_FIELD,
              what
                  + ": extension name '"
                  + name
                  + (RESERVED.contains(name)
                      ? "' is reserved by CloudEvents"
                      : "' is not lower-case letters and digits")
                  + (structured ? "" : " (header ce-" + name + ")"));
        }
        b.withExtension(name, value);
      }
    }
  }

  private static String header(RawEvent raw, String name, String what) {
    String v = raw.header(name).orElse(null);
    if (v == null || v.isEmpty()) {
      throw new BadEventException(Problem.MISSING_FIELD, what + ": header " + name + " is missing");
    }
    if (raw.headers().all(name).size() > 1) {
      throw new BadEventException(
          Problem.DUPLICATE_KEY, what + ": header " + name + " appears more than once");
    }
    return check(what, name.substring(3), CloudEventHeaders.decode(what, name, v));
  }

  private static String member(EventField root, String name, String what) {
    EventField v = root.get(name);
    if (!v.isPresent()) {
      for (String other : root.members().keySet()) {
        if (other.equalsIgnoreCase(name)) {
          throw new BadEventException(
              Problem.MISSING_FIELD,
              what
                  + ": attribute "
                  + name
                  + " is missing; there is '"
                  + other
                  + "', but CloudEvents attribute names are lower-case");
        }
      }
      throw new BadEventException(
          Problem.MISSING_FIELD, what + ": attribute " + name + " is missing");
    }
    return check(what, name, primitiveString(v));
  }

  /** A present attribute that must be a JSON string ({@code field time must be a string}). */
  private static String primitiveString(EventField v) {
    if (!v.isString()) {
      throw v.invalid("must be a string but is " + StrictJson.kindOf(v.json()));
    }
    return v.optStringOrEmpty().orElseThrow();
  }

  /**
   * What every attribute must be, data or not: not empty, and no half of a surrogate pair (a JSON
   * escape such as <code>&#92;udc00</code> alone), which no CloudEvents String and no UTF-8 header
   * can hold — as core's reader rules for the other providers.
   */
  private static void checkText(String what, String name, String value) {
    if (value.isEmpty()) {
      throw new BadEventException(
          Problem.MISSING_FIELD, what + ": attribute " + name + " is empty");
    }
    int lone = AttributeValues.loneSurrogate(value);
    if (lone >= 0) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what
              + ": attribute "
              + name
              + " holds U+"
              + String.format(Locale.ROOT, "%04X", (int) value.charAt(lone))
              + " at index "
              + lone
              + ", half of a surrogate pair without the other half");
    }
  }

  private static String check(String what, String name, String value) {
    checkText(what, name, value);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (AttributeValues.isControl(c)) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER,
            what
                + ": attribute "
                + name
                + " contains control character U+"
                + String.format(Locale.ROOT, "%04X", (int) c));
      }
    }
    return value;
  }

  private static void checkSpec(String what, String spec) {
    if (!"1.0".equals(spec)) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": specversion '" + spec + "' is not supported; only CloudEvents 1.0 is accepted");
    }
  }

  /** Parses an RFC 3339 time attribute. */
  static OffsetDateTime time(String what, String value) {
    if (!RFC_3339.matcher(value).matches()) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": time '" + value + "' is not an RFC 3339 timestamp");
    }
    try {
      return Timestamps.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": time '" + value + "' is not a valid timestamp", e);
    }
  }

  private static URI uri(String what, String name, String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": " + name + " '" + value + "' is not a URI reference", e);
    }
  }

  private static String decodeOrNull(String value) {
    try {
      return CloudEventHeaders.decode("", "", value);
    } catch (BadEventException e) {
      return null;
    }
  }
}
