package io.github.cloudeventshandler.aws.internal;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * AWS Config custom rule invocations ({@code configRuleId}, {@code invokingEvent}) → {@code POST
 * /aws.config}, one request; asynchronous (Config invokes the rule function with invocation type
 * {@code Event}; the function reports its evaluation with {@code PutEvaluations} and the {@code
 * resultToken}).
 *
 * <p>CloudEvent: id {@code resultToken}, source {@code configRuleArn}, type {@code
 * com.amazonaws.config.} + the {@code messageType} inside {@code invokingEvent} (e.g. {@code
 * ConfigurationItemChangeNotification}, {@code ScheduledNotification}), time {@code
 * notificationCreationTime} or {@code configurationItem.configurationItemCaptureTime}, subject
 * {@code configurationItem.resourceType} + {@code /} + {@code resourceId} when there is one.
 * Unwrapped payload: {@code invokingEvent} parsed from its JSON string.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new ConfigRuleClassifier()).classify(raw).route(); // "/aws.config"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} when {@code resultToken}, {@code configRuleArn} or {@code
 * invokingEvent} is missing, or {@code invokingEvent} is not a JSON object.
 */
public final class ConfigRuleClassifier implements EventClassifier {
  static final String KIND = "aws.config";
  static final String ROUTE = "/aws.config";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public ConfigRuleClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    Optional<JsonObject> found =
        EventFields.root(raw)
            .filter(r -> EventFields.isString(r, "configRuleId") && r.has("invokingEvent"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonObject event = found.get();
    String rule = EventFields.requireString(event, "configRuleId", KIND + " event");
    String where = KIND + " event for rule " + rule;
    String id = EventFields.requireString(event, "resultToken", where);
    String source = EventFields.requireString(event, "configRuleArn", where);
    String invokingText = EventFields.requireString(event, "invokingEvent", where);
    JsonObject invoking;
    try {
      invoking =
          StrictJson.parseObject(
              invokingText.getBytes(StandardCharsets.UTF_8), raw.limits(), "invokingEvent");
    } catch (BadEventException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "aws "
              + where
              + ": field \"invokingEvent\" is not a JSON object string: "
              + e.getMessage(),
          e);
    }
    String messageType =
        EventFields.requireString(invoking, "messageType", where + " invokingEvent");
    var attrs = EventAttributes.of(where, id, source, "com.amazonaws.config." + messageType);
    Optional<JsonObject> item = EventFields.optObject(invoking, "configurationItem");
    Optional<String> time =
        EventFields.optString(invoking, "notificationCreationTime")
            .or(() -> item.flatMap(i -> EventFields.optString(i, "configurationItemCaptureTime")));
    if (time.isPresent()) {
      attrs.time(
          EventTimes.parse(time.get(), where + " invokingEvent", "notificationCreationTime"));
    }
    item.flatMap(
            i ->
                EventFields.optString(i, "resourceType")
                    .flatMap(t -> EventFields.optString(i, "resourceId").map(r -> t + "/" + r)))
        .ifPresent(attrs::subject);
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, ROUTE, attrs.build(), whole, Payload.json(invoking))),
            whole));
  }
}
