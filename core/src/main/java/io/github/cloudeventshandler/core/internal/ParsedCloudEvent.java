package io.github.cloudeventshandler.core.internal;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.classifier.Payload;
import java.util.Objects;

/**
 * A CloudEvent read from the wire, with the body the application receives for it.
 *
 * @param event the normalised event, built with the CloudEvents SDK
 * @param data the event's data with its media type (empty bytes when the event has no data)
 * @param what how messages name this event (provider, mode, id, source)
 */
record ParsedCloudEvent(CloudEvent event, Payload data, String what) {
  ParsedCloudEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(what, "what");
  }
}
