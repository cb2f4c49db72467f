package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import java.nio.charset.StandardCharsets;

/**
 * One event in the Event Grid schema, as a record. Mapping: {@code id} → id, {@code topic} →
 * source, {@code eventType} → type, {@code eventTime} → time, a non-empty {@code subject} →
 * subject, a non-empty {@code dataVersion} → extension {@code dataversion}; {@code datacontenttype}
 * is {@code application/json}. Native payload: the event object alone (what the
 * {@code @EventGridTrigger} hands a function and what {@code EventGridEvent.fromString} parses);
 * unwrapped: its {@code data} (no body when the event has none).
 */
final class EventGridSchemaEvent {
  private EventGridSchemaEvent() {}

  /** Whether a JSON object looks like an Event Grid schema event. */
  static boolean looksLike(JsonObject o) {
    return o.has("eventType") && !o.has("specversion");
  }

  static EventRecord record(JsonObject o, int index) {
    String id = JsonFields.required(o, "id", "azure eventgrid event #" + index);
    String what = "azure eventgrid event " + id;
    String type = JsonFields.required(o, "eventType", what);
    String topic = JsonFields.required(o, "topic", what);
    String time = JsonFields.required(o, "eventTime", what);
    CloudEventBuilder ce =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(JsonFields.uri(topic, "topic", what))
            .withType(type)
            .withTime(JsonFields.time(time, "eventTime", what))
            .withDataContentType(Payload.JSON);
    JsonFields.optional(o, "subject", what).filter(s -> !s.isEmpty()).ifPresent(ce::withSubject);
    JsonFields.optional(o, "dataVersion", what)
        .filter(s -> !s.isEmpty())
        .ifPresent(v -> ce.withExtension("dataversion", v));
    JsonFields.optional(o, "metadataVersion", what);
    JsonElement data = o.get("data");
    byte[] dataBytes =
        data == null ? new byte[0] : data.toString().getBytes(StandardCharsets.UTF_8);
    if (data != null) {
      ce.withData(dataBytes);
    }
    CloudEvent event = ce.build();
    return EventRecord.of(
        id,
        EventGridRoutes.route(type, JsonFields.optional(o, "topic", what).orElse(null)),
        event,
        Payload.json(o),
        new Payload(Payload.JSON, dataBytes));
  }
}
