package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ASYNC}: every record 2xx → {@code {"statusCode","headers","body"}} of the last response
 * (repeated header fields joined with {@code ", "}); otherwise a {@link DispatchException} naming
 * each record that was not handled, so Lambda retries the event and then uses its on-failure
 * destination.
 */
public final class AsyncReply implements ReplyShape {
  @Override
  public JsonElement reply(DispatchResult result, JsonElement event, Context context) {
    if (!result.allHandled()) {
      throw new DispatchException(ResponseBodies.failures(result));
    }
    AppResponse last = result.lastResponse().orElseThrow();
    JsonObject out = new JsonObject();
    out.addProperty("statusCode", last.status());
    Map<String, String> joined = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : last.headers().fields()) {
      if (!ResponseBodies.framing(f.getKey())) {
        joined.merge(f.getKey(), f.getValue(), (a, b) -> a + ", " + b);
      }
    }
    JsonObject headers = new JsonObject();
    joined.forEach(headers::addProperty);
    out.add("headers", headers);
    out.addProperty("body", last.bodyText());
    return out;
  }
}
