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
 * Amazon Cognito triggers → {@code POST /aws.cognito}, one request: Cognito Sync triggers ({@code
 * identityPoolId}, {@code identityId}, {@code eventType}) and user pool triggers ({@code
 * userPoolId}, {@code triggerSource}). Cognito waits for the answer: the application returns the
 * event with its {@code response} filled in (or the modified sync dataset) as its JSON body, which
 * becomes the Lambda result; a non-2xx answer makes the handler throw, which Cognito treats as a
 * refusal.
 *
 * <p>CloudEvent (user pool): id the Lambda request id, source {@code aws:cognito-idp.} + {@code
 * region} + {@code /} + {@code userPoolId}, type {@code com.amazonaws.cognito.} + {@code
 * triggerSource} (e.g. {@code PreSignUp_SignUp}), subject {@code userName}. (Sync): id the Lambda
 * request id, source {@code aws:cognito-sync.} + {@code region} + {@code /} + {@code
 * identityPoolId}, type {@code com.amazonaws.cognito.} + {@code eventType} ({@code SyncTrigger}),
 * subject {@code identityId}. No time. Both payload modes send the event as it is.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new CognitoClassifier()).classify(raw).route(); // "/aws.cognito"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} when {@code region} is missing.
 */
public final class CognitoClassifier implements EventClassifier {
  static final String KIND = "aws.cognito";
  static final String ROUTE = "/aws.cognito";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public CognitoClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    Optional<JsonObject> root = EventFields.root(raw);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    JsonObject event = root.get();
    boolean userPool =
        EventFields.isString(event, "userPoolId") && EventFields.isString(event, "triggerSource");
    boolean sync =
        EventFields.isString(event, "identityPoolId")
            && EventFields.isString(event, "identityId")
            && EventFields.isString(event, "eventType");
    if (!userPool && !sync) {
      return Optional.empty();
    }
    String id = FallbackIds.invocation(raw);
    String where = KIND + (userPool ? " user pool" : " sync") + " event (id " + id + ")";
    String region = EventFields.requireString(event, "region", where);
    EventAttributes attrs;
    if (userPool) {
      String pool = EventFields.requireString(event, "userPoolId", where);
      String trigger = EventFields.requireString(event, "triggerSource", where);
      attrs =
          EventAttributes.of(
              where,
              id,
              "aws:cognito-idp." + region + "/" + pool,
              "com.amazonaws.cognito." + trigger);
      EventFields.optString(event, "userName").ifPresent(attrs::subject);
    } else {
      String pool = EventFields.requireString(event, "identityPoolId", where);
      String type = EventFields.requireString(event, "eventType", where);
      attrs =
          EventAttributes.of(
              where,
              id,
              "aws:cognito-sync." + region + "/" + pool,
              "com.amazonaws.cognito." + type);
      attrs.subject(EventFields.requireString(event, "identityId", where));
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
}
