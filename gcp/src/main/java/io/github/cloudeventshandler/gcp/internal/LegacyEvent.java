package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.Objects;

/**
 * A gen1 legacy background event as the Functions Framework hands it to a raw background function:
 * the context fields and the {@code data} tree (protocols.md §3.4).
 *
 * @param eventId the event id, never empty
 * @param timestamp the RFC 3339 timestamp, or null
 * @param eventType the legacy event type, e.g. {@code google.storage.object.finalize}
 * @param service the resource's {@code service} when the resource was an object, else null
 * @param resourceName the resource name ({@code projects/_/buckets/b/objects/o})
 * @param domain the Realtime Database {@code domain}, or null
 * @param data the event data
 */
public record LegacyEvent(
    String eventId,
    String timestamp,
    String eventType,
    String service,
    String resourceName,
    String domain,
    JsonElement data) {

  /** Validates. */
  public LegacyEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(resourceName, "resourceName");
    data = data == null ? JsonNull.INSTANCE : data;
  }

  /**
   * The event's {@code data}, to read through: messages name the field {@code data.<path>} ({@code
   * gcp <eventType> event <id>: field data.uid must be a string but is a number}).
   */
  public EventField field() {
    return EventField.root(data, RawEvent.GCP, eventType, "data").withEventId(eventId);
  }

  /** {@code gcp legacy event 'id' of type 't'}: the start of every error message about it. */
  public String describe() {
    return "gcp legacy event '" + eventId + "' of type '" + eventType + "'";
  }
}
