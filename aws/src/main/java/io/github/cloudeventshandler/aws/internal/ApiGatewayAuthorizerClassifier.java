package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
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
    if (!RawEvent.AWS.equals(raw.provider())
        || !raw.looksLikeJson()
        || !raw.json().isJsonObject()) {
      return Optional.empty();
    }
    JsonObject o = raw.json().getAsJsonObject();
    String type = EventFields.string(o, "type");
    String arnField = o.has("routeArn") ? "routeArn" : "methodArn";
    String arn = EventFields.string(o, arnField);
    if (!("TOKEN".equals(type) || "REQUEST".equals(type)) || arn == null) {
      return Optional.empty();
    }
    String id = EventFields.string(o, "requestContext", "requestId");
    if (id == null || id.isEmpty()) {
      id = UUID.nameUUIDFromBytes(raw.body()).toString();
    }
    CloudEventBuilder ce =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(EventFields.uri(arn, KIND, arnField, id))
            .withType("com.amazonaws.apigateway.authorizer." + type)
            .withDataContentType(Payload.JSON);
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.RESPONSE_BODY,
            List.of(EventRecord.of(null, "/" + KIND, ce.build(), whole, whole)),
            whole));
  }
}
