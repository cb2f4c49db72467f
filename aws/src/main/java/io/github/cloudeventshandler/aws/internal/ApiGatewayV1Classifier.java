package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import io.github.cloudeventshandler.core.internal.SendableRequests;
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
    if (!RawEvent.AWS.equals(raw.provider())
        || !raw.looksLikeJson()
        || !raw.json().isJsonObject()) {
      return Optional.empty();
    }
    JsonObject o = raw.json().getAsJsonObject();
    JsonObject ctx = EventFields.object(o, "requestContext");
    if (EventFields.string(o, "httpMethod") == null
        || !o.has("resource")
        || ctx == null
        || ctx.has("elb")
        || ctx.has("connectionId")
        || o.has("type")
        || "2.0".equals(EventFields.string(o, "version"))) {
      return Optional.empty();
    }
    String id = EventFields.string(ctx, "requestId");
    String path = EventFields.require(EventFields.string(o, "path"), KIND, "path", id);
    Headers.Builder h = ProxyRequests.headers(o, KIND, id);
    String domain = EventFields.string(ctx, "domainName");
    if (!h.contains("Host") && domain != null) {
      // requestContext.domainName describes the API, not the client's request: it must still be a
      // Host the request can carry (normalised, or the event is refused saying so)
      h.add(
          "Host",
          SendableRequests.host(
              domain, "aws " + KIND + " event " + id + ": requestContext.domainName"));
    }
    AppRequest request =
        AppRequest.builder(
                ProxyRequests.method(EventFields.string(o, "httpMethod"), KIND, "httpMethod", id),
                ProxyRequests.path(path))
            .query(ProxyRequests.query(o, true))
            .headers(h.build())
            .body(ProxyRequests.body(o, KIND, id))
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
