package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import io.github.cloudeventshandler.core.StrictJson;
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
    Optional<JsonObject> found =
        EventFields.root(raw)
            .flatMap(r -> EventFields.optObject(r, "awslogs"))
            .filter(a -> a.has("data"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String where = KIND + " event";
    String data = EventFields.requireString(found.get(), "data", where + " awslogs");
    byte[] gzip = EventFields.base64(data, where, "awslogs.data");
    byte[] json = BoundedGunzip.inflate(gzip, raw.limits().maxBytes(), where, "awslogs.data");
    JsonObject message;
    try {
      message = StrictJson.parseObject(json, raw.limits(), "decoded awslogs.data");
    } catch (BadEventException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "aws " + where + ": decoded awslogs.data is not a JSON object: " + e.getMessage(),
          e);
    }
    JsonArray logEvents = EventFields.requireArray(message, "logEvents", where + " awslogs.data");
    JsonObject first = EventFields.element(logEvents, 0, where + " logEvents[0]");
    String id = EventFields.requireString(first, "id", where + " awslogs.data logEvents[0]");
    where = where + " (first log event " + id + ")";
    String group = EventFields.requireString(message, "logGroup", where);
    String owner = EventFields.requireString(message, "owner", where);
    String type = EventFields.requireString(message, "messageType", where);
    var attrs =
        EventAttributes.of(
            where, id, "aws:logs:" + owner + ":log-group:" + group, "com.amazonaws.logs." + type);
    if (first.has("timestamp")) {
      attrs.time(EventTimes.epochMillis(first.get("timestamp"), where, "logEvents[0].timestamp"));
    }
    EventFields.optString(message, "logStream").ifPresent(attrs::subject);
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(
                EventRecord.of(null, ROUTE, attrs.build(), whole, new Payload(Payload.JSON, json))),
            whole));
  }
}
