package io.github.cloudeventshandler.gcp.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.TraceContext;
import io.github.cloudeventshandler.gcp.GcpReply;
import java.util.List;
import java.util.Optional;

/**
 * The shared flow of the classifiers for Google CloudEvent types: claim the event by its {@code
 * type} (a cheap look at {@code ce-type} or the structured {@code type}), read it, let the family
 * check what it requires, and build one record routed by {@link GoogleTypes#route(String)}. Each
 * subclass is one event family and owns that family's type strings.
 */
public abstract class GoogleCloudEventClassifier implements EventClassifier {

  /** For {@link java.util.ServiceLoader} subclasses. */
  protected GoogleCloudEventClassifier() {}

  /** Whether this family owns the CloudEvent type. */
  protected abstract boolean claims(String type);

  /**
   * Checks what this family requires of the event (a subject, a data shape).
   *
   * @throws BadEventException naming the field
   */
  protected void check(GoogleEvent event) {}

  /**
   * The trace context the family's data carries (Pub/Sub message attributes), put on the record's
   * CloudEvent when the event has no distributed-tracing extension of its own; by default none.
   */
  protected Optional<TraceContext> trace(GoogleEvent event) {
    return Optional.empty();
  }

  /** The record's payload in {@code unwrapped} mode; by default the data itself. */
  protected Payload unwrapped(GoogleEvent event) {
    return event.data();
  }

  @Override
  public final Optional<ClassifiedEvent> classify(RawEvent raw) {
    if (!RawEvent.GCP.equals(raw.provider())) {
      return Optional.empty();
    }
    Optional<String> type = CloudEventReader.peekType(raw);
    if (type.isEmpty() || !claims(type.get())) {
      return Optional.empty();
    }
    GoogleEvent event = CloudEventReader.read(raw);
    check(event);
    String route = GoogleTypes.route(event.type());
    CloudEvent ce = event.event();
    if (TraceContext.of(ce).isEmpty()) { // the event's own distributed-tracing extension wins
      ce = trace(event).map(t -> t.addTo(CloudEventBuilder.v1(event.event())).build()).orElse(ce);
    }
    EventRecord record = EventRecord.of(ce.getId(), route, ce, event.data(), unwrapped(event));
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            GoogleTypes.kind(event.type()),
            Delivery.ALL_OR_NOTHING,
            GcpReply.CLOUD_EVENT,
            List.of(record),
            event.data()));
  }
}
