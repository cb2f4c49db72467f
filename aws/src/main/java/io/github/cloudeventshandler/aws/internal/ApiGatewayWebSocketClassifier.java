package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway WebSocket API events (Lambda proxy integration: {@code requestContext.connectionId}
 * and {@code requestContext.routeKey}), in the vocabulary of the Azure Web PubSub upstream: one
 * request to {@code /aws.apigateway.websocket} per event, whose CloudEvent carries the extensions
 * {@code connectionid} and {@code eventname} ({@code connect}, {@code disconnected}, {@code
 * message} for {@code $default}, else the custom route key), plus {@code routekey}, {@code stage},
 * {@code domainname} (what a callback to {@code @connections} needs) and {@code userid} (the
 * authorizer's {@code principalId}, when there is one). Unwrapped payload: for {@code $connect} the
 * Web PubSub connect body {@code {"query":{…},"headers":{…},"subprotocols":[…]}}; for messages the
 * frame ({@code text/plain; charset=utf-8}, or {@code application/octet-stream} when API Gateway
 * base64-encoded it); for {@code $disconnect} {@code {"reason":…,"code":…}}. Reply: {@link
 * LambdaReply#API_GATEWAY_WEBSOCKET}.
 */
public final class ApiGatewayWebSocketClassifier implements EventClassifier {
  static final String KIND = "aws.apigateway.websocket";
  private static final String TYPE_PREFIX = "com.amazonaws.apigateway.websocket.";
  static final String CONNECT_TYPE = TYPE_PREFIX + "connect";
  private static final String TEXT = "text/plain; charset=utf-8";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField event = EventFields.root(raw, KIND).orElse(null);
    if (event == null) {
      return Optional.empty();
    }
    EventField probe = event.get("requestContext");
    if (!probe.get("connectionId").isString()
        || !probe.get("routeKey").isString()
        || event.has("methodArn")) {
      return Optional.empty();
    }
    String request =
        probe
            .get("requestId")
            .optString()
            .or(() -> probe.get("extendedRequestId").optString())
            .orElse(null);
    event = event.withEventId(request);
    EventField ctx = event.get("requestContext");
    String connection = ctx.get("connectionId").string();
    String routeKey = ctx.get("routeKey").string();
    EventField eventTypeField = ctx.get("eventType");
    String eventType = eventTypeField.string();
    String apiId = ctx.get("apiId").string();
    String stage = ctx.get("stage").string();
    String eventName;
    Payload unwrapped;
    String id;
    switch (eventType) {
      case "CONNECT" -> {
        eventName = "connect";
        unwrapped = Payload.json(connectBody(event));
        id = request == null ? FallbackIds.invocation(raw) : request;
      }
      case "MESSAGE" -> {
        eventName = routeKey.equals("$default") ? "message" : routeKey;
        boolean base64 = event.get("isBase64Encoded").optBoolean().orElse(false);
        unwrapped =
            new Payload(base64 ? EventFields.OCTET_STREAM : TEXT, ProxyRequests.body(event));
        id =
            ctx.get("messageId")
                .optString()
                .orElseGet(() -> request == null ? FallbackIds.invocation(raw) : request);
      }
      case "DISCONNECT" -> {
        eventName = "disconnected";
        JsonObject body = new JsonObject();
        ctx.get("disconnectReason").optString().ifPresent(r -> body.addProperty("reason", r));
        EventField code = ctx.get("disconnectStatusCode");
        if (code.isNumber()) {
          body.add("code", code.json());
        }
        unwrapped = Payload.json(body);
        id = request == null ? FallbackIds.invocation(raw) : request;
      }
      default ->
          throw eventTypeField.invalid(
              "is " + EventField.quote(eventType) + ", not CONNECT, MESSAGE or DISCONNECT");
    }
    EventAttributes ce =
        EventAttributes.of(
                id,
                "aws:apigateway/" + apiId + "/" + stage + "/connections/" + connection,
                TYPE_PREFIX + eventType.toLowerCase(Locale.ROOT))
            .time(ctx.get("requestTimeEpoch").optEpochTime(true).orElse(null))
            .extension("connectionid", connection)
            .extension("eventname", eventName)
            .extension("routekey", routeKey)
            .extension("stage", stage);
    ctx.get("domainName").optString().ifPresent(d -> ce.extension("domainname", d));
    ctx.get("authorizer").get("principalId").optString().ifPresent(u -> ce.extension("userid", u));
    CloudEvent cloudEvent = ce.build();
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.API_GATEWAY_WEBSOCKET,
            List.of(EventRecord.of(null, "/" + KIND, cloudEvent, whole, unwrapped)),
            whole));
  }

  /**
   * The Web PubSub connect body, less what API Gateway does not have ({@code claims}, {@code
   * clientCertificates}): the upgrade request's query and headers (every value in an array, as
   * repeated) and the subprotocols the client offered.
   */
  private static JsonObject connectBody(EventField event) {
    JsonObject query = new JsonObject();
    EventField multi = event.get("multiValueQueryStringParameters");
    EventField params = multi.isPresent() ? multi : event.get("queryStringParameters");
    for (Map.Entry<String, EventField> p : params.members().entrySet()) {
      JsonArray values = new JsonArray();
      List<EventField> listed =
          p.getValue().isArray() ? p.getValue().elements() : List.of(p.getValue());
      for (EventField v : listed) {
        values.add(v.isNumber() ? v.text() : v.optStringOrEmpty().orElseThrow(v::missing));
      }
      query.add(p.getKey(), values);
    }
    Headers headers = ProxyRequests.headers(event).build();
    JsonObject h = new JsonObject();
    for (String name : headers.names()) {
      JsonArray values = new JsonArray();
      headers.all(name).forEach(values::add);
      h.add(name, values);
    }
    JsonArray subprotocols = new JsonArray();
    for (String offered : headers.all("Sec-WebSocket-Protocol")) {
      for (String p : offered.split(",")) {
        if (!p.isBlank()) {
          subprotocols.add(p.trim());
        }
      }
    }
    JsonObject body = new JsonObject();
    body.add("query", query);
    body.add("headers", h);
    body.add("subprotocols", subprotocols);
    return body;
  }
}
