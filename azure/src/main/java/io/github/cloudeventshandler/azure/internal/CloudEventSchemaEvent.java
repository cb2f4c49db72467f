package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One event in the CloudEvents 1.0 JSON format as Event Grid delivers it (CloudEvents-schema
 * subscriptions). Read per the JSON format: {@code data} and {@code data_base64} are exclusive,
 * JSON data stays JSON (a JSON string is not parsed again), other members are extensions whose
 * names must be lower-case letters and digits. An empty {@code subject} is left out. Both payload
 * modes send the event's data in CloudEvents binary mode: the event itself travels in the {@code
 * ce-*} headers, so nothing is lost.
 */
final class CloudEventSchemaEvent {
  private static final Set<String> KNOWN =
      Set.of(
          "specversion",
          "id",
          "source",
          "type",
          "subject",
          "time",
          "datacontenttype",
          "dataschema",
          "data",
          "data_base64");

  private CloudEventSchemaEvent() {}

  static boolean looksLike(JsonObject o) {
    return o.has("specversion");
  }

  static EventRecord record(JsonObject o, int index) {
    String id = JsonFields.required(o, "id", "azure eventgrid cloudevent #" + index);
    String what = "azure eventgrid cloudevent " + id;
    String spec = JsonFields.required(o, "specversion", what);
    if (!spec.equals("1.0")) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": specversion '" + spec + "' is not 1.0");
    }
    String type = JsonFields.required(o, "type", what);
    String source = JsonFields.required(o, "source", what);
    CloudEventBuilder ce =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(JsonFields.uri(source, "source", what))
            .withType(type);
    JsonFields.optional(o, "subject", what).filter(s -> !s.isEmpty()).ifPresent(ce::withSubject);
    JsonFields.optional(o, "time", what)
        .ifPresent(t -> ce.withTime(JsonFields.time(t, "time", what)));
    JsonFields.optional(o, "dataschema", what)
        .ifPresent(s -> ce.withDataSchema(JsonFields.uri(s, "dataschema", what)));
    String declared = JsonFields.optional(o, "datacontenttype", what).orElse(null);
    for (Map.Entry<String, JsonElement> m : o.entrySet()) {
      String name = m.getKey();
      if (KNOWN.contains(name) || m.getValue().isJsonNull()) {
        continue;
      }
      if (!name.matches("[a-z0-9]{1,64}")) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            what
                + ": extension name '"
                + name
                + "' must consist of lower-case letters and digits only");
      }
      if (!m.getValue().isJsonPrimitive()) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            what + ": extension '" + name + "' must be a string, number or boolean");
      }
      JsonPrimitive p = m.getValue().getAsJsonPrimitive();
      if (p.isBoolean()) {
        ce.withExtension(name, p.getAsBoolean());
      } else {
        ce.withExtension(name, p.getAsString());
      }
    }
    JsonElement data = o.get("data");
    JsonElement base64 = o.get("data_base64");
    boolean hasData = data != null && !data.isJsonNull();
    boolean hasBase64 = base64 != null && !base64.isJsonNull();
    String contentType;
    byte[] bytes;
    if (hasData && hasBase64) {
      throw new BadEventException(
          Problem.INCONSISTENT, what + ": has both 'data' and 'data_base64'");
    } else if (hasBase64) {
      String text = JsonFields.optional(o, "data_base64", what).orElseThrow();
      try {
        bytes = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new BadEventException(
            Problem.INVALID_FIELD, what + ": data_base64 is not valid base64", e);
      }
      contentType = declared != null ? declared : "application/octet-stream";
    } else if (hasData) {
      contentType = declared != null ? declared : Payload.JSON;
      if (isJson(contentType)) {
        bytes = data.toString().getBytes(StandardCharsets.UTF_8);
      } else if (data.isJsonPrimitive() && data.getAsJsonPrimitive().isString()) {
        bytes = data.getAsString().getBytes(StandardCharsets.UTF_8);
      } else {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            what
                + ": data must be a string for datacontenttype '"
                + contentType
                + "' but is "
                + StrictJson.kindOf(data));
      }
    } else {
      contentType = declared != null ? declared : Payload.JSON;
      bytes = new byte[0];
    }
    if (declared != null || hasData || hasBase64) {
      ce.withDataContentType(contentType);
    }
    if (hasData || hasBase64) {
      ce.withData(bytes);
    }
    CloudEvent event = ce.build();
    Payload payload = new Payload(contentType, bytes);
    return EventRecord.of(
        id, EventGridRoutes.route(type, event.getSource().toString()), event, payload, payload);
  }

  static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("application/json") || base.endsWith("/json") || base.endsWith("+json");
  }
}
