package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.RawEvent;
import io.github.cloudeventshandler.core.StrictJson;

/**
 * Checks an application's {@code 200} answer to a Web PubSub {@code connect} event before it goes
 * to the service: it must be a JSON object, and a {@code subprotocol} in it must be a non-empty
 * string the client offered in the request's {@code subprotocols} (the service rejects others).
 */
final class ConnectResponse {
  private ConnectResponse() {}

  /** What is wrong with the answer, or null when it may be sent. */
  static String check(RawEvent request, AppResponse response) {
    JsonObject answer;
    try {
      answer = StrictJson.parseObject(response.body(), request.limits(), "connect response");
    } catch (BadEventException e) {
      return "is not a JSON object";
    }
    JsonElement sub = answer.get("subprotocol");
    if (sub == null || sub.isJsonNull()) {
      return null;
    }
    if (!sub.isJsonPrimitive()
        || !sub.getAsJsonPrimitive().isString()
        || sub.getAsString().isBlank()) {
      return "has a subprotocol that is not a non-empty string (leave it out instead)";
    }
    if (!offered(request).contains(sub.getAsString())) {
      return "chooses subprotocol '" + sub.getAsString() + "', which the client did not offer";
    }
    return null;
  }

  private static java.util.Set<String> offered(RawEvent request) {
    java.util.Set<String> out = new java.util.HashSet<>();
    try {
      JsonElement json = request.json();
      if (json.isJsonObject()
          && json.getAsJsonObject().get("subprotocols") instanceof com.google.gson.JsonArray a) {
        a.forEach(
            e -> {
              if (e.isJsonPrimitive()) {
                out.add(e.getAsString());
              }
            });
      }
    } catch (BadEventException e) {
      return out;
    }
    return out;
  }
}
