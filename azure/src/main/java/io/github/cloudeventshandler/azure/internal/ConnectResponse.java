package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.util.HashSet;
import java.util.Set;

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
    EventField sub =
        EventField.root(answer, RawEvent.AZURE, WebPubSubClassifier.KIND, "connect response")
            .get("subprotocol");
    if (!sub.isPresent()) {
      return null;
    }
    if (!sub.isString() || sub.optString().orElse("").isBlank()) {
      return "has a subprotocol that is not a non-empty string (leave it out instead)";
    }
    String chosen = sub.optString().orElseThrow();
    if (!offered(request).contains(chosen)) {
      return "chooses subprotocol '" + chosen + "', which the client did not offer";
    }
    return null;
  }

  /** The subprotocols the client offered ({@code subprotocols} of the connect event). */
  private static Set<String> offered(RawEvent request) {
    Set<String> out = new HashSet<>();
    try {
      EventField list =
          EventField.root(request.json(), RawEvent.AZURE, WebPubSubClassifier.KIND)
              .get("subprotocols");
      if (list.isArray()) {
        for (EventField e : list.elements()) {
          if (e.isString()) {
            out.add(e.optStringOrEmpty().orElse(""));
          }
        }
      }
    } catch (BadEventException e) {
      return out;
    }
    return out;
  }
}
