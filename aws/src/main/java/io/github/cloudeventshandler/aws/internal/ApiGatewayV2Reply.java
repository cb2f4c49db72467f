package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.spi.DispatchResult;

/**
 * {@code API_GATEWAY_V2} (HTTP APIs and function URLs): {@code statusCode}, {@code headers}
 * (repeated fields joined with {@code ", "}), {@code cookies} (one entry per {@code Set-Cookie},
 * which never appears in {@code headers}), {@code body} and {@code isBase64Encoded}. The result
 * always carries {@code statusCode}, so the platform never has to guess one.
 */
public final class ApiGatewayV2Reply implements ReplyShape {
  @Override
  public JsonElement reply(DispatchResult result, JsonElement event, Context context) {
    AppResponse r = ProxyResponses.response(result);
    JsonObject out = new JsonObject();
    out.addProperty("statusCode", r.status());
    JsonObject headers = new JsonObject();
    JsonArray cookies = new JsonArray();
    for (String name : r.headers().names()) {
      if (ResponseBodies.framing(name)) {
        continue;
      }
      if (name.equalsIgnoreCase("Set-Cookie")) {
        r.headers().all(name).forEach(cookies::add);
      } else {
        headers.addProperty(name, String.join(", ", r.headers().all(name)));
      }
    }
    out.add("headers", headers);
    out.add("cookies", cookies);
    ResponseBodies.put(out, r);
    return out;
  }
}
