package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.util.List;
import java.util.Optional;

/**
 * CloudWatch Logs subscription filters ({@code awslogs.data}: base64 of gzip of JSON) → {@code POST
 * /aws.logs}, <b>one request per invocation</b> carrying every log event of it; asynchronous.
 *
 * <p>One request rather than one per log event: Lambda retries the whole invocation anyway (there
 * is no per-event reporting), subscriptions deliver hundreds of short lines at a time, and the app
 * needs {@code logGroup} / {@code logStream} beside each line. {@code CEH_PAYLOAD=unwrapped} sends
 * the decoded JSON ({@code messageType}, {@code owner}, {@code logGroup}, {@code logStream}, {@code
 * subscriptionFilters}, {@code logEvents}); the default native mode sends the event as Lambda
 * received it.
 *
 * <p>The inflated size is capped at the configured maximum body size ({@code CEH_MAX_BODY_BYTES},
 * default 6 MB) so a small payload cannot inflate without bound.
 *
 * <p>CloudEvent: id {@code logEvents[0].id}, source {@code aws:logs:} + {@code owner} + {@code
 * :log-group:} + {@code logGroup}, type {@code com.amazonaws.logs.} + {@code messageType} ({@code
 * DATA_MESSAGE}), time {@code logEvents[0].timestamp}, subject {@code logStream}.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new CloudWatchLogsClassifier()).classify(raw).route(); // "/aws.logs"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException}: {@code INVALID_FIELD} for bad base64, bad gzip or a
 * decoded payload that is not a JSON object; {@code TOO_LARGE} past the cap; {@code MISSING_FIELD}
 * for no {@code logEvents} or a first log event without {@code id}.
 */
public final class CloudWatchLogsClassifier implements EventClassifier {
  static final String KIND = "aws.logs";
  static final String ROUTE = "/aws.logs";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public CloudWatchLogsClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField root = EventFields.root(raw, KIND).orElse(null);
    if (root == null || !root.get("awslogs").has("data")) {
      return Optional.empty();
    }
    EventField field = root.get("awslogs").get("data");
    byte[] gzip = field.base64();
    byte[] json = BoundedGunzip.inflate(gzip, raw.limits().maxBytes(), field);
    JsonObject decoded;
    try {
      decoded = StrictJson.parseObject(json, raw.limits(), "decoded awslogs.data");
    } catch (BadEventException e) {
      throw field.problem(
          Problem.INVALID_FIELD, "does not decode to a JSON object: " + e.getMessage(), e);
    }
    EventField message = EventField.root(decoded, RawEvent.AWS, KIND, field.path());
    EventField first = message.get("logEvents").requireElements().get(0);
    String id = first.get("id").string();
    message = message.withEventId(id);
    String group = message.get("logGroup").string();
    String owner = message.get("owner").string();
    String type = message.get("messageType").string();
    CloudEvent event =
        EventAttributes.of(
                id, "aws:logs:" + owner + ":log-group:" + group, "com.amazonaws.logs." + type)
            .time(first.withEventId(id).get("timestamp").optEpochTime(true).orElse(null))
            .subject(message.get("logStream").optString().orElse(null))
            .build();
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, ROUTE, event, whole, new Payload(Payload.JSON, json))),
            whole));
  }
}
