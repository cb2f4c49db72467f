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
    Optional<JsonObject> found =
        EventFields.root(raw)
            .filter(
                r -> EventFields.isString(r, "source") && EventFields.isString(r, "detail-type"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonObject event = found.get();
    String where = KIND + " event";
    String source = EventFields.requireString(event, "source", where);
    String type = EventFields.requireString(event, "detail-type", where);
    String id = EventFields.requireString(event, "id", where + " (source " + source + ")");
    where = where + " " + id;
    String route = route(source);
    var attrs = EventAttributes.of(where, id, source, type);
    Optional<String> time = EventFields.optString(event, "time");
    if (time.isPresent()) {
      attrs.time(EventTimes.parse(time.get(), where, "time"));
    }
    JsonElement resources = event.get("resources");
    if (resources != null
        && resources.isJsonArray()
        && !resources.getAsJsonArray().isEmpty()
        && resources.getAsJsonArray().get(0).isJsonPrimitive()) {
      attrs.subject(resources.getAsJsonArray().get(0).getAsString());
    }
    Payload whole = raw.payload(Payload.JSON);
    JsonElement detail = event.get("detail");
    Payload unwrapped = detail == null ? whole : Payload.json(detail);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, route, attrs.build(), whole, unwrapped)),
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
