package io.github.cloudeventshandler.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * EventBridge (CloudWatch Events) events as Lambda receives them, starting from the recorded
 * scheduled event: {@code id}, {@code detail-type}, {@code source}, {@code account}, {@code time},
 * {@code region}, {@code resources}, {@code detail}. The application sees them at {@code /} +
 * {@code source}.
 *
 * <pre>{@code
 * lambda.send(EventBridgeEvents.event("com.example.orders", "Order Placed", "{\"id\":7}"));
 * lambda.send(EventBridgeEvents.scheduled("nightly-report"));
 * }</pre>
 */
public final class EventBridgeEvents {
  private EventBridgeEvents() {}

  /** An event from {@code source} of {@code detailType} with this {@code detail} JSON. */
  public static EventBridgeEvent event(String source, String detailType, String detail) {
    return new EventBridgeEvent(Templates.object("aws/eventbridge/scheduled-event-sam"))
        .id(Templates.uuid())
        .time(Templates.now())
        .with(r -> r.add("resources", new JsonArray()))
        .source(source)
        .detailType(detailType)
        .detail(detail);
  }

  /** A {@code Scheduled Event} of the rule {@code ruleName} (source {@code aws.events}). */
  public static EventBridgeEvent scheduled(String ruleName) {
    Objects.requireNonNull(ruleName, "ruleName");
    return event("aws.events", "Scheduled Event", "{}")
        .resources("arn:aws:events:us-east-1:123456789012:rule/" + ruleName);
  }

  /** One event. Immutable: every method returns a changed copy. */
  public static final class EventBridgeEvent extends JsonValue<EventBridgeEvent>
      implements LambdaEvent {
    EventBridgeEvent(JsonObject event) {
      super(event);
    }

    @Override
    EventBridgeEvent copy(JsonObject json) {
      return new EventBridgeEvent(json);
    }

    /** {@code id} (the CloudEvent id). */
    public EventBridgeEvent id(String id) {
      Objects.requireNonNull(id, "id");
      return with(e -> e.addProperty("id", id));
    }

    /** {@code source} (the route: {@code /} + source). */
    public EventBridgeEvent source(String source) {
      Objects.requireNonNull(source, "source");
      return with(e -> e.addProperty("source", source));
    }

    /** {@code detail-type} (the CloudEvent type). */
    public EventBridgeEvent detailType(String detailType) {
      Objects.requireNonNull(detailType, "detailType");
      return with(e -> e.addProperty("detail-type", detailType));
    }

    /** {@code detail}: a JSON object. */
    public EventBridgeEvent detail(String detail) {
      JsonObject d =
          JsonParser.parseString(Objects.requireNonNull(detail, "detail")).getAsJsonObject();
      return with(e -> e.add("detail", d));
    }

    /** {@code time} (to the second, as EventBridge writes it). */
    public EventBridgeEvent time(Instant time) {
      Objects.requireNonNull(time, "time");
      return with(e -> e.addProperty("time", time.truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    /** {@code region}. */
    public EventBridgeEvent region(String region) {
      Objects.requireNonNull(region, "region");
      return with(e -> e.addProperty("region", region));
    }

    /** {@code account}. */
    public EventBridgeEvent account(String account) {
      Objects.requireNonNull(account, "account");
      return with(e -> e.addProperty("account", account));
    }

    /** {@code resources} (the first one is the CloudEvent subject). */
    public EventBridgeEvent resources(String... arns) {
      JsonArray a = new JsonArray();
      for (String arn : arns) {
        a.add(Objects.requireNonNull(arn, "arn"));
      }
      return with(e -> e.add("resources", a));
    }

    /** The event id. */
    public String id() {
      return read().get("id").getAsString();
    }

    @Override
    public byte[] toBytes() {
      return Templates.bytes(read());
    }

    @Override
    public String toString() {
      return toJson();
    }
  }
}
