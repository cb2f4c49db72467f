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
 * AWS IoT rule events in the shape the AWS IoT Events Lambda action sends, {@code
 * {"event":{"eventName":…,"eventTime":…,"payload":{…}}}} → {@code POST /} + {@code event.eventName}
 * ({@code docs/architecture.md}, "Routes"), one request; asynchronous. The route is built by {@link
 * RoutePaths#fromName} and, since the detector model's author chooses the name, {@link
 * RoutePaths#publisherChosen}.
 *
 * <p>CloudEvent: id {@code event.payload.actionExecutionId} (else the Lambda request id), source
 * {@code aws:iotevents} + {@code /} + {@code payload.detector.detectorModelName} when present, type
 * {@code com.amazonaws.iot.} + {@code eventName}, time {@code event.eventTime} (epoch ms), subject
 * {@code payload.detector.keyValue}. Unwrapped payload: {@code event.payload}. Kind {@code
 * aws.iot}.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new IotRuleClassifier()).classify(raw).route(); // "/myChargedEvent"
 * }</pre>
 *
 * <p>Any event name gives a route; a name in a reserved namespace ({@code aws.s3}) is routed under
 * {@code /unverified}.
 */
public final class IotRuleClassifier implements EventClassifier {
  static final String KIND = "aws.iot";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public IotRuleClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField root = EventFields.root(raw, KIND).orElse(null);
    if (root == null || !root.get("event").get("eventName").isString()) {
      return Optional.empty();
    }
    EventField event = root.get("event");
    String name = event.get("eventName").string();
    // the detector model's author chooses event names: a reserved namespace is not theirs
    String route = RoutePaths.publisherChosen(RoutePaths.fromName(name));
    EventField payload = event.get("payload");
    EventField detector = payload.get("detector");
    String id =
        payload.get("actionExecutionId").optString().orElseGet(() -> FallbackIds.invocation(raw));
    event = event.withEventId(id);
    String source =
        detector
            .get("detectorModelName")
            .optString()
            .map(m -> "aws:iotevents/" + m)
            .orElse("aws:iotevents");
    CloudEvent ce =
        EventAttributes.of(id, source, "com.amazonaws.iot." + name)
            .time(event.get("eventTime").optEpochTime(true).orElse(null))
            .subject(detector.get("keyValue").optString().orElse(null))
            .build();
    Payload whole = raw.payload(Payload.JSON);
    Payload unwrapped = payload.isObject() ? Payload.json(payload.json()) : whole;
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
