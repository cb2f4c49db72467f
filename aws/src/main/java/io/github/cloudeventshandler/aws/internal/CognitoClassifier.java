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
    EventField event = EventFields.root(raw, KIND).orElse(null);
    if (event == null) {
      return Optional.empty();
    }
    boolean userPool = event.get("userPoolId").isString() && event.get("triggerSource").isString();
    boolean sync =
        event.get("identityPoolId").isString()
            && event.get("identityId").isString()
            && event.get("eventType").isString();
    if (!userPool && !sync) {
      return Optional.empty();
    }
    String id = FallbackIds.invocation(raw);
    event = event.withEventId(id);
    String region = event.get("region").string();
    EventAttributes attrs;
    if (userPool) {
      attrs =
          EventAttributes.of(
                  id,
                  "aws:cognito-idp." + region + "/" + event.get("userPoolId").string(),
                  "com.amazonaws.cognito." + event.get("triggerSource").string())
              .subject(event.get("userName").optString().orElse(null));
    } else {
      attrs =
          EventAttributes.of(
                  id,
                  "aws:cognito-sync." + region + "/" + event.get("identityPoolId").string(),
                  "com.amazonaws.cognito." + event.get("eventType").string())
              .subject(event.get("identityId").string());
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
