package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
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
    JsonObject event = EventFields.root(raw).orElse(null);
    if (event == null) {
      return Optional.empty();
    }
    JsonObject ctx = EventFields.object(event, "requestContext");
    if (ctx == null
        || !EventFields.isString(ctx, "connectionId")
        || !EventFields.isString(ctx, "routeKey")
        || event.has("methodArn")) {
      return Optional.empty();
    }
    String request =
        EventFields.optString(ctx, "requestId")
            .or(() -> EventFields.optString(ctx, "extendedRequestId"))
            .orElse("-");
    String where = KIND + " event (request " + request + ")";
    String connection = EventFields.requireString(ctx, "connectionId", where);
    String routeKey = EventFields.requireString(ctx, "routeKey", where);
    String eventType = EventFields.requireString(ctx, "eventType", where);
    String apiId = EventFields.requireString(ctx, "apiId", where);
    String stage = EventFields.requireString(ctx, "stage", where);
    String eventName;
    Payload unwrapped;
    String id;
    switch (eventType) {
      case "CONNECT" -> {
        eventName = "connect";
        unwrapped = Payload.json(connectBody(event, where, request));
        id = request.equals("-") ? FallbackIds.invocation(raw) : request;
      }
      case "MESSAGE" -> {
        eventName = routeKey.equals("$default") ? "message" : routeKey;
        boolean base64 =
            event.has("isBase64Encoded")
                && event.get("isBase64Encoded").isJsonPrimitive()
                && event.get("isBase64Encoded").getAsBoolean();
        unwrapped =
            new Payload(
                base64 ? EventFields.OCTET_STREAM : TEXT, ProxyRequests.body(event, KIND, request));
        id =
            EventFields.optString(ctx, "messageId")
                .orElseGet(() -> request.equals("-") ? FallbackIds.invocation(raw) : request);
      }
      case "DISCONNECT" -> {
        eventName = "disconnected";
        JsonObject body = new JsonObject();
        EventFields.optString(ctx, "disconnectReason")
            .ifPresent(r -> body.addProperty("reason", r));
        JsonElement code = ctx.get("disconnectStatusCode");
        if (code != null && code.isJsonPrimitive() && code.getAsJsonPrimitive().isNumber()) {
          body.addProperty("code", code.getAsNumber());
        }
        unwrapped = Payload.json(body);
        id = request.equals("-") ? FallbackIds.invocation(raw) : request;
      }
      default ->
          throw EventFields.invalid(
              where, "requestContext.eventType", "must be CONNECT, MESSAGE or DISCONNECT");
    }
    EventAttributes ce =
        EventAttributes.of(
                where,
                id,
                "aws:apigateway/" + apiId + "/" + stage + "/connections/" + connection,
                TYPE_PREFIX + eventType.toLowerCase(Locale.ROOT))
            .time(
                ctx.has("requestTimeEpoch")
                    ? EventTimes.epochMillis(
                        ctx.get("requestTimeEpoch"), where, "requestContext.requestTimeEpoch")
                    : null)
            .extension("connectionid", connection)
            .extension("eventname", eventName)
            .extension("routekey", routeKey)
            .extension("stage", stage);
    EventFields.optString(ctx, "domainName").ifPresent(d -> ce.extension("domainname", d));
    EventFields.optObject(ctx, "authorizer")
        .flatMap(a -> EventFields.optString(a, "principalId"))
        .ifPresent(u -> ce.extension("userid", u));
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
  private static JsonObject connectBody(JsonObject event, String where, String request) {
    JsonObject query = new JsonObject();
    JsonObject multi = EventFields.object(event, "multiValueQueryStringParameters");
    JsonObject single = EventFields.object(event, "queryStringParameters");
    for (Map.Entry<String, JsonElement> p :
        (multi != null ? multi : single != null ? single : new JsonObject()).entrySet()) {
      JsonArray values = new JsonArray();
      if (p.getValue().isJsonArray()) {
        for (JsonElement v : p.getValue().getAsJsonArray()) {
          values.add(string(v, where, "queryStringParameters." + p.getKey()));
        }
      } else {
        values.add(string(p.getValue(), where, "queryStringParameters." + p.getKey()));
      }
      query.add(p.getKey(), values);
    }
    Headers headers = ProxyRequests.headers(event, KIND, request).build();
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

  private static String string(JsonElement v, String where, String field) {
    if (v == null || !v.isJsonPrimitive()) {
      throw EventFields.invalid(where, field, "must be a string");
    }
    return v.getAsString();
  }
}
