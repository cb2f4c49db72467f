package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
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
    Optional<JsonObject> root = EventFields.root(raw);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    JsonObject event = root.get();
    EventAttributes attrs;
    if (isSkill(event)) {
      attrs = skill(event);
    } else if (EventFields.isObject(event, "directive")
        && EventFields.isObject(event.getAsJsonObject("directive"), "header")
        && EventFields.isObject(event.getAsJsonObject("directive"), "payload")) {
      JsonObject directive = event.getAsJsonObject("directive");
      attrs = smartHome(directive.getAsJsonObject("header"), "directive.header");
      EventFields.optObject(directive, "endpoint")
          .flatMap(e -> EventFields.optString(e, "endpointId"))
          .ifPresent(attrs::subject);
    } else if (EventFields.isObject(event, "header")
        && EventFields.isObject(event, "payload")
        && EventFields.optString(event.getAsJsonObject("header"), "namespace")
            .filter(n -> n.startsWith("Alexa"))
            .isPresent()) {
      attrs = smartHome(event.getAsJsonObject("header"), "header");
      EventFields.optObject(event.getAsJsonObject("payload"), "appliance")
          .flatMap(a -> EventFields.optString(a, "applianceId"))
          .ifPresent(attrs::subject);
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

  private static boolean isSkill(JsonObject event) {
    if (!EventFields.isString(event, "version") || !EventFields.isObject(event, "request")) {
      return false;
    }
    JsonObject request = event.getAsJsonObject("request");
    return EventFields.isString(request, "type")
        && EventFields.isString(request, "requestId")
        && (EventFields.isObject(event, "session") || EventFields.isObject(event, "context"));
  }

  private static EventAttributes skill(JsonObject event) {
    JsonObject request = event.getAsJsonObject("request");
    String id = EventFields.requireString(request, "requestId", KIND + " skill request");
    String where = KIND + " skill request " + id;
    String type = EventFields.requireString(request, "type", where);
    String app =
        EventFields.optObject(event, "session")
            .flatMap(s -> EventFields.optObject(s, "application"))
            .flatMap(a -> EventFields.optString(a, "applicationId"))
            .or(
                () ->
                    EventFields.optObject(event, "context")
                        .flatMap(c -> EventFields.optObject(c, "System"))
                        .flatMap(s -> EventFields.optObject(s, "application"))
                        .flatMap(a -> EventFields.optString(a, "applicationId")))
            .orElseThrow(() -> EventFields.missing(where, "session.application.applicationId"));
    var attrs = EventAttributes.of(where, id, "aws:alexa/" + app, "com.amazonaws.alexa." + type);
    Optional<String> time = EventFields.optString(request, "timestamp");
    if (time.isPresent()) {
      attrs.time(EventTimes.parse(time.get(), where, "request.timestamp"));
    }
    EventFields.optObject(request, "intent")
        .flatMap(i -> EventFields.optString(i, "name"))
        .ifPresent(attrs::subject);
    return attrs;
  }

  private static EventAttributes smartHome(JsonObject header, String path) {
    String where = KIND + " smart home " + path;
    String id = EventFields.requireString(header, "messageId", where);
    where = where + " (messageId " + id + ")";
    String namespace = EventFields.requireString(header, "namespace", where);
    String name = EventFields.requireString(header, "name", where);
    return EventAttributes.of(
        where, id, "aws:alexa.smarthome", "com.amazonaws.alexa." + namespace + "." + name);
  }
}
