package io.github.cloudeventshandler.azure.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.EventField;
import java.nio.charset.StandardCharsets;

/**
 * One event in the Event Grid schema, as a record. Mapping: {@code id} → id, {@code topic} →
 * source, {@code eventType} → type, {@code eventTime} → time, a non-empty {@code subject} →
 * subject, a non-empty {@code dataVersion} → extension {@code dataversion}; {@code datacontenttype}
 * is {@code application/json}. Native payload: the event object alone (what the
 * {@code @EventGridTrigger} hands a function and what {@code EventGridEvent.fromString} parses);
 * unwrapped: its {@code data} (no body when the event has none).
 *
 * <p>Required: {@code id} and {@code eventType}. Optional, as the Event Grid schema marks them:
 * {@code topic}, {@code dataVersion} and {@code metadataVersion}, which Event Grid stamps on
 * delivery, so events posted by tools and tests (or straight to a function's Event Grid endpoint)
 * often lack them; without {@code topic} the source is {@value #NO_TOPIC}. {@code eventTime} and
 * {@code subject} are required by the schema, but nothing here depends on them: without them the
 * CloudEvent has no {@code time} or {@code subject}.
 */
final class EventGridSchemaEvent {
  /** The CloudEvent source of an event that names no {@code topic}. */
  static final String NO_TOPIC = "urn:azure:eventgrid";

  private EventGridSchemaEvent() {}

  /** Whether a JSON object looks like an Event Grid schema event. */
  static boolean looksLike(EventField o) {
    return o.has("eventType") && !CloudEventSchemaEvent.looksLike(o);
  }

  static EventRecord record(EventField o) {
    String id = o.get("id").string();
    o = o.withEventId(id);
    String type = o.get("eventType").string();
    String topic = o.get("topic").optString().orElse(NO_TOPIC);
    CloudEventBuilder ce =
        CloudEventBuilder.v1()
            .withId(AttributeValues.string(id))
            .withSource(AttributeValues.uriReference(topic))
            .withType(AttributeValues.string(type))
            .withDataContentType(Payload.JSON);
    o.get("eventTime").optTime().ifPresent(ce::withTime);
    o.get("subject").optString().map(AttributeValues::string).ifPresent(ce::withSubject);
    o.get("dataVersion")
        .optString()
        .ifPresent(v -> ce.withExtension("dataversion", AttributeValues.string(v)));
    o.get("metadataVersion").optString();
    byte[] dataBytes =
        o.has("data")
            ? String.valueOf(o.get("data").json()).getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (o.has("data")) {
      ce.withData(dataBytes);
    }
    CloudEvent event = ce.build();
    return EventRecord.of(
        id,
        EventGridRoutes.route(type, o.get("topic").optString().orElse(null)),
        event,
        Payload.json(o.requireObject()),
        new Payload(Payload.JSON, dataBytes));
  }
}
