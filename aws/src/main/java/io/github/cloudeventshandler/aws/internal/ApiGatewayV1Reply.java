package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import java.util.List;

/**
 * {@code API_GATEWAY_V1}: {@code statusCode}, {@code headers} (fields that occur once), {@code
 * multiValueHeaders} (fields that occur more than once, such as two {@code Set-Cookie}; never
 * repeated in {@code headers}), {@code body} and {@code isBase64Encoded} (binary media types are
 * base64-encoded).
 */
public final class ApiGatewayV1Reply implements ReplyShape {
  @Override
  public JsonElement reply(DispatchResult result, JsonElement event, Context context) {
    AppResponse r = ProxyResponses.response(result);
    JsonObject out = new JsonObject();
    out.addProperty("statusCode", r.status());
    JsonObject single = new JsonObject();
    JsonObject multi = new JsonObject();
    for (String name : r.headers().names()) {
      if (ResponseBodies.framing(name)) {
        continue;
      }
      List<String> values = r.headers().all(name);
      if (values.size() == 1) {
        single.addProperty(name, values.get(0));
      } else {
        JsonArray a = new JsonArray(values.size());
        values.forEach(a::add);
        multi.add(name, a);
      }
    }
    out.add("headers", single);
    out.add("multiValueHeaders", multi);
    ResponseBodies.put(out, r);
    return out;
  }
}
