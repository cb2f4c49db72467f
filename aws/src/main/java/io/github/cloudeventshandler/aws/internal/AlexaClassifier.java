package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.List;
import java.util.Optional;

/**
 * Alexa → {@code POST /aws.alexa}, one request: custom skill requests ({@code version}, {@code
 * request} with {@code type} and {@code requestId}, and {@code session} or {@code context}) and
 * smart home directives (API v2 {@code header} + {@code payload}; API v3 {@code directive.header} +
 * {@code directive.payload}). Alexa waits for the answer: the application's JSON body (the skill
 * response or the directive response) is the Lambda result; non-2xx throws.
 *
 * <p>CloudEvent (skill): id {@code request.requestId}, source {@code aws:alexa/} + the skill's
 * {@code applicationId} ({@code session.application} or {@code context.System.application}), type
 * {@code com.amazonaws.alexa.} + {@code request.type} ({@code LaunchRequest}, {@code
 * IntentRequest}, ...), time {@code request.timestamp}, subject {@code request.intent.name}. (Smart
 * home): id {@code header.messageId}, source {@code aws:alexa.smarthome}, type {@code
 * com.amazonaws.alexa.} + {@code header.namespace} + {@code .} + {@code header.name}, subject
 * {@code payload.appliance.applianceId} (v2) or {@code endpoint.endpointId} (v3). Both payload
 * modes send the event as it is.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new AlexaClassifier()).classify(raw).route(); // "/aws.alexa"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} when a smart home directive has no {@code
 * header.messageId}, {@code namespace} or {@code name}.
 */
public final class AlexaClassifier implements EventClassifier {
  static final String KIND = "aws.alexa";
  static final String ROUTE = "/aws.alexa";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public AlexaClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField event = EventFields.root(raw, KIND).orElse(null);
    if (event == null) {
      return Optional.empty();
    }
    EventAttributes attrs;
    EventField directive = event.get("directive");
    if (isSkill(event)) {
      attrs = skill(event);
    } else if (directive.get("header").isObject() && directive.get("payload").isObject()) {
      attrs = smartHome(directive.get("header"));
      attrs.subject(directive.get("endpoint").get("endpointId").optString().orElse(null));
    } else if (event.get("header").isObject()
        && event.get("payload").isObject()
        && event.get("header").get("namespace").isString()
        && event.get("header").get("namespace").optString().orElse("").startsWith("Alexa")) {
      attrs = smartHome(event.get("header"));
      attrs.subject(
          event.get("payload").get("appliance").get("applianceId").optString().orElse(null));
    } else {
      return Optional.empty();
    }
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.RESPONSE_BODY,
            List.of(EventRecord.of(null, ROUTE, attrs.build(), whole, whole)),
            whole));
  }

  private static boolean isSkill(EventField event) {
    EventField request = event.get("request");
    return event.get("version").isString()
        && request.get("type").isString()
        && request.get("requestId").isString()
        && (event.get("session").isObject() || event.get("context").isObject());
  }

  private static EventAttributes skill(EventField event) {
    String id = event.get("request").get("requestId").string();
    event = event.withEventId(id);
    EventField request = event.get("request");
    String type = request.get("type").string();
    EventField fromSession = event.get("session").get("application").get("applicationId");
    EventField fromContext =
        event.get("context").get("System").get("application").get("applicationId");
    String app =
        fromSession.optString().or(fromContext::optString).orElseThrow(fromSession::missing);
    return EventAttributes.of(id, "aws:alexa/" + app, "com.amazonaws.alexa." + type)
        .time(request.get("timestamp").optTime().orElse(null))
        .subject(request.get("intent").get("name").optString().orElse(null));
  }

  private static EventAttributes smartHome(EventField header) {
    String id = header.get("messageId").string();
    header = header.withEventId(id);
    String namespace = header.get("namespace").string();
    String name = header.get("name").string();
    return EventAttributes.of(
        id, "aws:alexa.smarthome", "com.amazonaws.alexa." + namespace + "." + name);
  }
}
