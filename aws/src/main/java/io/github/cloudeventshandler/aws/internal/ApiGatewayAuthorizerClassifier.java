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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API Gateway Lambda authorizers: REST {@code TOKEN} and {@code REQUEST} authorizers ({@code type}
 * + {@code methodArn}) and HTTP API authorizers (payload 1.0 with {@code methodArn}, payload 2.0
 * with {@code routeArn}). They are not passed through as the HTTP request they guard: the app gets
 * {@code POST /aws.apigateway.authorizer} with the authorizer event as its body and answers with
 * the policy (or {@code {"isAuthorized":…}}) JSON, which becomes the Lambda result. CloudEvent:
 * {@code id} = {@code requestContext.requestId}, else a name-based UUID of the event bytes (TOKEN
 * events carry no id), {@code source} = the method or route ARN, {@code type} = {@code
 * com.amazonaws.apigateway.authorizer.<TOKEN|REQUEST>}.
 */
public final class ApiGatewayAuthorizerClassifier implements EventClassifier {
  static final String KIND = "aws.apigateway.authorizer";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField o = EventFields.root(raw, KIND).orElse(null);
    if (o == null) {
      return Optional.empty();
    }
    EventField type = o.get("type");
    EventField arn = o.has("routeArn") ? o.get("routeArn") : o.get("methodArn");
    if (!(type.is("TOKEN") || type.is("REQUEST")) || !arn.isString()) {
      return Optional.empty();
    }
    String id =
        o.get("requestContext")
            .get("requestId")
            .optText()
            .orElseGet(() -> UUID.nameUUIDFromBytes(raw.body()).toString());
    o = o.withEventId(id);
    CloudEvent event =
        EventAttributes.of(
                id,
                arn.withEventId(id).string(),
                "com.amazonaws.apigateway.authorizer." + type.string())
            .build();
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.RESPONSE_BODY,
            List.of(EventRecord.of(null, "/" + KIND, event, whole, whole)),
            whole));
  }
}
