package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import io.github.cloudeventshandler.core.RoutePaths;
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
    Optional<JsonObject> root = EventFields.root(raw);
    Optional<JsonObject> found =
        root.flatMap(r -> EventFields.optObject(r, "event"))
            .filter(e -> EventFields.isString(e, "eventName"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonObject event = found.get();
    String name = EventFields.requireString(event, "eventName", KIND + " event");
    // the detector model's author chooses event names: a reserved namespace is not theirs
    String route = RoutePaths.publisherChosen(RoutePaths.fromName(name));
    Optional<JsonObject> payload = EventFields.optObject(event, "payload");
    Optional<JsonObject> detector = payload.flatMap(p -> EventFields.optObject(p, "detector"));
    String id =
        payload
            .flatMap(p -> EventFields.optString(p, "actionExecutionId"))
            .orElseGet(() -> FallbackIds.invocation(raw));
    String where = KIND + " event " + name + " (id " + id + ")";
    String source =
        detector
            .flatMap(d -> EventFields.optString(d, "detectorModelName"))
            .map(m -> "aws:iotevents/" + m)
            .orElse("aws:iotevents");
    var attrs = EventAttributes.of(where, id, source, "com.amazonaws.iot." + name);
    JsonElement time = event.get("eventTime");
    if (time != null && !time.isJsonNull()) {
      attrs.time(EventTimes.epochMillis(time, where, "event.eventTime"));
    }
    detector.flatMap(d -> EventFields.optString(d, "keyValue")).ifPresent(attrs::subject);
    Payload whole = raw.payload(Payload.JSON);
    Payload unwrapped = payload.map(p -> Payload.json(p)).orElse(whole);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, route, attrs.build(), whole, unwrapped)),
            whole));
  }
}
