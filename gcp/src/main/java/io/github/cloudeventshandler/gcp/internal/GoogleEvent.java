package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonElement;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.Objects;

/**
 * A CloudEvent as it arrived, with its data kept as the exact bytes and media type it came with
 * (protobuf data is never parsed).
 *
 * @param event the CloudEvent, data included
 * @param data the data and its {@code datacontenttype} ({@code application/json} when unset); empty
 *     bytes when the event has no data
 * @param mode how it arrived: {@code binary} or {@code structured}
 */
public record GoogleEvent(CloudEvent event, Payload data, String mode) {
  /** Validates. */
  public GoogleEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(mode, "mode");
  }

  /** The CloudEvent type. */
  public String type() {
    return event.getType();
  }

  /**
   * The event's parsed JSON data, to read through: messages name the field {@code data.<path>}
   * ({@code gcp <type> event <id>: field data.message.data is not valid base64}).
   */
  public EventField field(JsonElement data) {
    return EventField.root(data, RawEvent.GCP, type(), "data").withEventId(event.getId());
  }

  /** {@code gcp CloudEvent id 'x' of type 't'}: the start of every error message about it. */
  public String describe() {
    return "gcp CloudEvent id '" + event.getId() + "' of type '" + event.getType() + "'";
  }
}
