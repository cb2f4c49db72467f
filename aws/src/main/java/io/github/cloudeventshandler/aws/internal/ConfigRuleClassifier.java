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
    EventField event = EventFields.root(raw, KIND).orElse(null);
    if (event == null || !event.get("configRuleId").isString() || !event.has("invokingEvent")) {
      return Optional.empty();
    }
    event.get("configRuleId").string();
    String id = event.get("resultToken").string();
    event = event.withEventId(id);
    String source = event.get("configRuleArn").string();
    EventField field = event.get("invokingEvent");
    String invokingText = field.string();
    JsonObject parsed;
    try {
      parsed =
          StrictJson.parseObject(
              invokingText.getBytes(StandardCharsets.UTF_8), raw.limits(), "invokingEvent");
    } catch (BadEventException e) {
      throw field.problem(
          Problem.INVALID_FIELD, "is not a JSON object string: " + e.getMessage(), e);
    }
    EventField invoking = EventField.root(parsed, RawEvent.AWS, KIND, field.path()).withEventId(id);
    String messageType = invoking.get("messageType").string();
    EventField item = invoking.get("configurationItem");
    EventField timeField =
        invoking.get("notificationCreationTime").isPresent()
            ? invoking.get("notificationCreationTime")
            : item.get("configurationItemCaptureTime");
    Optional<String> resourceType = item.get("resourceType").optString();
    Optional<String> resourceId = item.get("resourceId").optString();
    CloudEvent ce =
        EventAttributes.of(id, source, "com.amazonaws.config." + messageType)
            .time(timeField.optTime().orElse(null))
            .subject(
                resourceType.isPresent() && resourceId.isPresent()
                    ? resourceType.get() + "/" + resourceId.get()
                    : null)
            .build();
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, ROUTE, ce, whole, Payload.json(parsed))),
            whole));
  }
}
