package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.SendableRequests;
import java.util.List;
import java.util.Optional;

/**
 * API Gateway REST API proxy requests (payload format 1.0, also what HTTP APIs send in 1.0 mode):
 * {@code httpMethod} + {@code resource} + {@code requestContext} without {@code elb}. WebSocket API
 * events ({@code requestContext.connectionId}) are not claimed. The app gets the request as it was
 * made: method, {@code path} (the path without the stage, as REST APIs pass it, still
 * percent-encoded; see {@code ProxyRequests.path}), the query from {@code
 * multiValueQueryStringParameters} (else {@code queryStringParameters}), headers from {@code
 * multiValueHeaders} (else {@code headers}), {@code Host} kept (else {@code
 * requestContext.domainName}), and the body base64-decoded when {@code isBase64Encoded}.
 */
public final class ApiGatewayV1Classifier implements EventClassifier {
  static final String KIND = "aws.apigateway.rest";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField o = EventFields.root(raw, KIND).orElse(null);
    if (o == null) {
      return Optional.empty();
    }
    EventField ctx = o.get("requestContext");
    if (!o.get("httpMethod").isString()
        || !o.has("resource")
        || !ctx.isObject()
        || ctx.has("elb")
        || ctx.has("connectionId")
        || o.has("type")
        || o.get("version").is("2.0")) {
      return Optional.empty();
    }
    o = o.withEventId(ctx.get("requestId").optText().orElse(null));
    String path = o.get("path").string();
    Headers.Builder h = ProxyRequests.headers(o);
    Optional<String> domain = o.get("requestContext").get("domainName").optString();
    if (!h.contains("Host") && domain.isPresent()) {
      // requestContext.domainName describes the API, not the client's request: it must still be a
      // Host the request can carry (normalised, or the event is refused saying so)
      h.add(
          "Host",
          SendableRequests.host(domain.get(), o.describe() + ": requestContext.domainName"));
    }
    AppRequest request =
        AppRequest.builder(ProxyRequests.method(o.get("httpMethod")), ProxyRequests.path(path))
            .query(ProxyRequests.query(o, true))
            .headers(h.build())
            .body(ProxyRequests.body(o))
            .build();
    return Optional.of(http(raw, KIND, LambdaReply.API_GATEWAY_V1, request));
  }

  static ClassifiedEvent http(RawEvent raw, String kind, LambdaReply reply, AppRequest request) {
    return new ClassifiedEvent(
        raw.provider(),
        kind,
        Delivery.ALL_OR_NOTHING,
        reply,
        List.of(EventRecord.http(request.path(), null, request)),
        raw.payload(Payload.JSON));
  }
}
