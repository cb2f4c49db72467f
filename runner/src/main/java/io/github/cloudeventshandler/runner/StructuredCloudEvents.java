package io.github.cloudeventshandler.runner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a structured-mode CloudEvent (JSON format) into the SDK's {@link CloudEvent}, as the
 * Functions Framework invoker does before it calls a {@code CloudEventsFunction}: JSON data is kept
 * as its JSON text, {@code data_base64} is decoded, extension names are lower-cased.
 */
final class StructuredCloudEvents {
  private static final Set<String> ATTRIBUTES =
      Set.of(
          "specversion",
          "id",
          "source",
          "type",
          "datacontenttype",
          "dataschema",
          "schemaurl",
          "subject",
          "time",
          "data",
          "data_base64");

  private StructuredCloudEvents() {}

  /**
   * Parses the bytes.
   *
   * @throws BadEventException naming the field when a required attribute is missing or malformed
   */
  static CloudEvent parse(byte[] json, String label) {
    JsonObject o = StrictJson.parseObject(json, JsonLimits.DEFAULT, label).getAsJsonObject();
    String what = "structured CloudEvent " + label;
    SpecVersion version;
    try {
      version = SpecVersion.parse(text(o, "specversion", what));
    } catch (IllegalArgumentException e) {
      throw new BadEventException(Problem.INVALID_FIELD, what + ": unknown specversion", e);
    }
    CloudEventBuilder b =
        CloudEventBuilder.fromSpecVersion(version)
            .withId(text(o, "id", what))
            .withSource(uri(text(o, "source", what), "source", what))
            .withType(text(o, "type", what));
    String contentType = optional(o, "datacontenttype", what);
    if (contentType != null) {
      b.withDataContentType(contentType);
    }
    String schema = optional(o, version == SpecVersion.V1 ? "dataschema" : "schemaurl", what);
    if (schema != null) {
      b.withDataSchema(uri(schema, "dataschema", what));
    }
    String subject = optional(o, "subject", what);
    if (subject != null) {
      b.withSubject(subject);
    }
    String time = optional(o, "time", what);
    if (time != null) {
      try {
        b.withTime(OffsetDateTime.parse(time));
      } catch (DateTimeParseException e) {
        throw new BadEventException(
            Problem.INVALID_FIELD, what + ": time '" + time + "' is not RFC 3339", e);
      }
    }
    if (o.has("data_base64") && !o.get("data_base64").isJsonNull()) {
      try {
        b.withData(Base64.getDecoder().decode(text(o, "data_base64", what)));
      } catch (IllegalArgumentException e) {
        throw new BadEventException(Problem.INVALID_FIELD, what + ": data_base64 is not base64", e);
      }
    } else if (o.has("data") && !o.get("data").isJsonNull()) {
      JsonElement d = o.get("data");
      boolean jsonData =
          contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
      String data = !jsonData && d.isJsonPrimitive() ? d.getAsString() : d.toString();
      b.withData(data.getBytes(StandardCharsets.UTF_8));
    }
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      if (ATTRIBUTES.contains(e.getKey()) || e.getValue().isJsonNull()) {
        continue;
      }
      if (!e.getValue().isJsonPrimitive()) {
        throw new BadEventException(
            Problem.INVALID_FIELD, what + ": extension " + e.getKey() + " must be a plain value");
      }
      b.withExtension(e.getKey().toLowerCase(Locale.ROOT), e.getValue().getAsString());
    }
    return b.build();
  }

  private static String text(JsonObject o, String name, String what) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      throw new BadEventException(Problem.MISSING_FIELD, what + ": no " + name);
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new BadEventException(Problem.INVALID_FIELD, what + ": " + name + " is not a string");
    }
    return e.getAsString();
  }

  private static String optional(JsonObject o, String name, String what) {
    return o.has(name) && !o.get(name).isJsonNull() ? text(o, name, what) : null;
  }

  private static URI uri(String s, String name, String what) {
    try {
      return new URI(s);
    } catch (java.net.URISyntaxException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": " + name + " '" + s + "' is not a URI reference", e);
    }
  }
}
