package io.github.cloudeventshandler.aws.internal;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.RoutePaths;
import java.util.List;
import java.util.Optional;

/**
 * Amazon EventBridge / CloudWatch Events (recognised by {@code source} and {@code detail-type}),
 * including scheduled events and EC2 / Auto Scaling lifecycle events → {@code POST /} + {@code
 * source} ({@code /aws.events}, {@code /aws.ec2}, {@code /com.my.app}), one request; asynchronous.
 *
 * <p>CloudEvent: id {@code id}, source {@code source}, type {@code detail-type}, time {@code time},
 * subject {@code resources[0]} when there is one. Unwrapped payload: {@code detail}. The kind is
 * {@code aws.events}; the route is {@code /} + the source by {@link RoutePaths#fromName} (so any
 * source gives a route Jetty accepts), and a custom source that would land in a reserved namespace
 * ({@code google.*}, {@code microsoft.*}, {@code azure.*}, {@code AWS.*}) goes under {@code
 * /unverified}: only AWS can send sources starting with {@code aws.}.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new EventBridgeClassifier()).classify(raw).route(); // "/aws.events"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} when {@code id} is missing.
 */
public final class EventBridgeClassifier implements EventClassifier {
  static final String KIND = "aws.events";

  /** The source prefix AWS keeps for its services. */
  static final String AWS_RESERVED = "aws.";

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
    String route = route(source);
    EventField first = event.get("resources").get(0);
    CloudEvent ce =
        EventAttributes.of(id, source, type)
            .time(event.get("time").optTime().orElse(null))
            .subject(first.isString() ? first.optString().orElse(null) : null)
            .build();
    Payload whole = raw.payload(Payload.JSON);
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

  /**
   * {@code /} + the source ({@link RoutePaths#fromName}). AWS reserves sources that start with
   * {@code aws.} for its own services (PutEvents refuses them from anyone else), so those keep
   * their route in the {@code /aws.*} namespace; every other source is chosen by its publisher and
   * goes through {@link RoutePaths#publisherChosen} ({@code google.x} → {@code
   * /unverified/google.x}).
   */
  static String route(String source) {
    String route = RoutePaths.fromName(source);
    return source.startsWith(AWS_RESERVED) ? route : RoutePaths.publisherChosen(route);
  }
}
