package io.github.cloudeventshandler.aws.internal;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.List;
import java.util.Optional;

/**
 * Amazon EventBridge / CloudWatch Events (recognised by {@code source} and {@code detail-type}),
 * including scheduled events and EC2 / Auto Scaling lifecycle events → {@code POST /} + {@code
 * source} ({@code /aws.events}, {@code /aws.ec2}, {@code /com.my.app}), one request; asynchronous.
 *
 * <p>CloudEvent: id {@code id}, source {@code source}, type {@code detail-type}, time {@code time},
 * subject {@code resources[0]} when there is one. Unwrapped payload: {@code detail}. The kind is
 * {@code aws.events}; the route is made path-safe with {@code RoutePaths.segment}, so a {@code
 * source} of {@code ..} or with a {@code /} is rejected.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new EventBridgeClassifier()).classify(raw).route(); // "/aws.events"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} when {@code id} is missing or {@code source} cannot be a
 * path segment.
 */
public final class EventBridgeClassifier implements EventClassifier {
  static final String KIND = "aws.events";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public EventBridgeClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField event = EventFields.root(raw, KIND).orElse(null);
    if (event == null || !event.get("source").isString() || !event.get("detail-type").isString()) {
      return Optional.empty();
    }
    String source = event.get("source").string();
    String type = event.get("detail-type").string();
    String id = event.get("id").string();
    event = event.withEventId(id);
    String route;
    try {
      route = "/" + EventFields.routeSegment(source, KIND + " event " + id, "source");
    } catch (BadEventException e) {
      throw EventField.singleLine(e); // the id is the event's own text
    }
    EventField first = event.get("resources").get(0);
    CloudEvent ce =
        EventAttributes.of(id, source, type)
            .time(event.get("time").optTime().orElse(null))
            .subject(first.isString() ? first.optString().orElse(null) : null)
            .build();
    Payload whole = new Payload(Payload.JSON, raw.body());
    EventField detail = event.get("detail");
    Payload unwrapped = event.has("detail") ? Payload.json(String.valueOf(detail.json())) : whole;
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, route, ce, whole, unwrapped)),
            whole));
  }
}
