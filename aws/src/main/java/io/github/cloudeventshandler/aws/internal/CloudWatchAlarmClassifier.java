package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A CloudWatch alarm that invokes Lambda directly as its action ({@code source} {@code
 * aws.cloudwatch} with {@code alarmArn} and {@code alarmData}; metric and composite alarms) →
 * {@code POST /aws.cloudwatch}, one request; asynchronous. Alarm state changes that reach Lambda
 * through an EventBridge rule are EventBridge events instead ({@link EventBridgeClassifier}).
 *
 * <p>CloudEvent: id {@code alarmArn} + {@code #} + {@code alarmData.state.timestamp} (the event has
 * no id of its own; this pair names one state change), source {@code alarmArn}, type {@code
 * com.amazonaws.cloudwatch.alarmStateChange}, time {@code time}, subject {@code
 * alarmData.alarmName}. Unwrapped payload: {@code alarmData}.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new CloudWatchAlarmClassifier()).classify(raw).route(); // "/aws.cloudwatch"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} when {@code alarmData.state.timestamp} is missing.
 */
public final class CloudWatchAlarmClassifier implements EventClassifier {
  static final String KIND = "aws.cloudwatch";
  static final String ROUTE = "/aws.cloudwatch";
  private static final String TYPE = "com.amazonaws.cloudwatch.alarmStateChange";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public CloudWatchAlarmClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    Optional<JsonObject> found =
        EventFields.root(raw)
            .filter(
                r ->
                    EventFields.hasString(r, "source", "aws.cloudwatch")
                        && EventFields.isString(r, "alarmArn")
                        && EventFields.isObject(r, "alarmData"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonObject event = found.get();
    String arn = EventFields.requireString(event, "alarmArn", KIND + " event");
    String where = KIND + " event for " + arn;
    JsonObject data = event.getAsJsonObject("alarmData");
    JsonObject state = EventFields.requireObject(data, "state", where + " alarmData");
    String stateTime = EventFields.requireString(state, "timestamp", where + " alarmData.state");
    var attrs = EventAttributes.of(where, arn + "#" + stateTime, arn, TYPE);
    OffsetDateTime time =
        EventFields.optString(event, "time")
            .map(t -> EventTimes.parse(t, where, "time"))
            .orElseGet(() -> EventTimes.parse(stateTime, where, "alarmData.state.timestamp"));
    attrs.time(time);
    EventFields.optString(data, "alarmName").ifPresent(attrs::subject);
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, ROUTE, attrs.build(), whole, Payload.json(data))),
            whole));
  }
}
