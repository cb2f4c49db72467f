package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventField;

/**
 * {@code ALB}: {@code statusCode}, {@code statusDescription} ({@code "200 OK"}), {@code body},
 * {@code isBase64Encoded}, and the headers in the style of the request: {@code multiValueHeaders}
 * when the request had them (multi-value mode on the target group), else {@code headers} with
 * repeated fields joined by {@code ", "} — except {@code Set-Cookie}, of which single-value mode
 * can carry only the last.
 */
public final class AlbReply implements ReplyShape {
  @Override
  public boolean readsEvent() {
    return true;
  }

  @Override
  public JsonElement reply(DispatchResult result, JsonElement event, Context context) {
    AppResponse r = ProxyResponses.response(result);
    boolean multiMode =
        EventField.root(event, RawEvent.AWS, AlbClassifier.KIND).has("multiValueHeaders");
    JsonObject out = new JsonObject();
    out.addProperty("statusCode", r.status());
    String phrase = ResponseBodies.reasonPhrase(r.status());
    out.addProperty(
        "statusDescription",
        phrase.isEmpty() ? String.valueOf(r.status()) : r.status() + " " + phrase);
    JsonObject headers = new JsonObject();
    for (String name : r.headers().names()) {
      if (ResponseBodies.framing(name)) {
        continue;
      }
      var values = r.headers().all(name);
      if (multiMode) {
        JsonArray a = new JsonArray(values.size());
        values.forEach(a::add);
        headers.add(name, a);
      } else if (name.equalsIgnoreCase("Set-Cookie")) {
        headers.addProperty(name, values.get(values.size() - 1));
      } else {
        headers.addProperty(name, String.join(", ", values));
      }
    }
    out.add(multiMode ? "multiValueHeaders" : "headers", headers);
    ResponseBodies.put(out, r);
    return out;
  }
}
