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
    EventField event = EventFields.root(raw, KIND).orElse(null);
    if (event == null
        || !event.get("source").is("aws.cloudwatch")
        || !event.get("alarmArn").isString()
        || !event.get("alarmData").isObject()) {
      return Optional.empty();
    }
    String arn = event.get("alarmArn").string();
    EventField state = event.get("alarmData").get("state");
    state.requireObject();
    String stateTime = state.get("timestamp").string();
    String id = arn + "#" + stateTime;
    event = event.withEventId(id);
    OffsetDateTime time =
        event.get("time").optTime().orElseGet(() -> state.withEventId(id).get("timestamp").time());
    EventField data = event.get("alarmData");
    CloudEvent ce =
        EventAttributes.of(id, arn, TYPE)
            .time(time)
            .subject(data.get("alarmName").optString().orElse(null))
            .build();
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, ROUTE, ce, whole, Payload.json(data.json()))),
            whole));
  }
}
