package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;

/**
 * {@code API_GATEWAY_WEBSOCKET}: the Lambda proxy integration response of a WebSocket route, {@code
 * statusCode}, {@code headers}, {@code body} and {@code isBase64Encoded} from the application's
 * answer, whatever its status. For {@code $connect} the status accepts (2xx) or refuses the
 * connection and {@code Sec-WebSocket-Protocol} picks the subprotocol; a 200 JSON answer with
 * {@code subprotocol} (the Web PubSub connect response) sets that header when the application did
 * not. For a route with two-way communication the body is the frame sent back to the client. {@code
 * ce-connectionState} is never passed on: API Gateway keeps no connection state. Only a request the
 * application never answered throws.
 */
public final class ApiGatewayWebSocketReply implements ReplyShape {
  private static final String SUBPROTOCOL = "Sec-WebSocket-Protocol";

  @Override
  public JsonElement reply(DispatchResult result, JsonElement event, Context context) {
    AppResponse r = ProxyResponses.response(result);
    JsonObject out = new JsonObject();
    out.addProperty("statusCode", r.status());
    JsonObject headers = new JsonObject();
    for (String name : r.headers().names()) {
      if (ResponseBodies.framing(name) || name.equalsIgnoreCase("ce-connectionState")) {
        continue;
      }
      headers.addProperty(name, String.join(", ", r.headers().all(name)));
    }
    if (isConnect(result) && r.status() == 200 && !r.headers().contains(SUBPROTOCOL)) {
      String chosen = subprotocol(r);
      if (chosen != null) {
        headers.addProperty(SUBPROTOCOL, chosen);
      }
    }
    out.add("headers", headers);
    ResponseBodies.put(out, r);
    return out;
  }

  private static boolean isConnect(DispatchResult result) {
    var ce = result.event().records().get(0).cloudEvent();
    return ce != null && ApiGatewayWebSocketClassifier.CONNECT_TYPE.equals(ce.getType());
  }

  /** {@code subprotocol} of a JSON object answer, or null. */
  private static String subprotocol(AppResponse r) {
    if (r.bodyLength() == 0 || !r.contentType().map(ResponseBodies::isTextType).orElse(false)) {
      return null;
    }
    try {
      JsonElement json = StrictJson.parse(r.body(), JsonLimits.DEFAULT, "websocket connect answer");
      EventField chosen =
          EventField.root(json, RawEvent.AWS, ApiGatewayWebSocketClassifier.KIND, "answer")
              .get("subprotocol");
      if (chosen.isString() && !chosen.optString().orElse("").isBlank()) {
        return chosen.optString().orElseThrow().trim();
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }
}
