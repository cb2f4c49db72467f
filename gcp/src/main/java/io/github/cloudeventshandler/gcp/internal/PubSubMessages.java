package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.StrictJson;
import io.github.cloudeventshandler.core.TraceContext;
import java.util.Base64;
import java.util.Optional;

/**
 * Reading a Pub/Sub {@code PubsubMessage} object ({@code message} of a push body or of {@code
 * MessagePublishedData}): its id, publish time, attributes and base64 {@code data}. Both the
 * camelCase and the snake_case spellings of {@code messageId} / {@code publishTime} are accepted.
 */
final class PubSubMessages {
  /** The media type of decoded message data when the message does not name one. */
  static final String OCTET_STREAM = "application/octet-stream";

  private PubSubMessages() {}

  /** The {@code message} object of a {@code {"message":…}} body. */
  static JsonObject message(JsonObject body, String what) {
    JsonElement m = body.get("message");
    if (m == null || m.isJsonNull()) {
      throw new BadEventException(Problem.MISSING_FIELD, what + ": field message is missing");
    }
    if (!m.isJsonObject()) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": message must be an object, not " + StrictJson.kindOf(m));
    }
    return m.getAsJsonObject();
  }

  /** A string field under either spelling, when present. */
  static Optional<String> string(JsonObject o, String camel, String snake, String what) {
    for (String name : new String[] {camel, snake}) {
      JsonElement v = o.get(name);
      if (v == null || v.isJsonNull()) {
        continue;
      }
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            what + ": message." + name + " must be a string, not " + StrictJson.kindOf(v));
      }
      return Optional.of(v.getAsString());
    }
    return Optional.empty();
  }

  /** The decoded {@code data}; empty bytes when the message carries attributes only. */
  static byte[] data(JsonObject message, String what) {
    JsonElement d = message.get("data");
    if (d == null || d.isJsonNull()) {
      return new byte[0];
    }
    if (!d.isJsonPrimitive() || !d.getAsJsonPrimitive().isString()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": message.data must be a base64 string, not " + StrictJson.kindOf(d));
    }
    try {
      return Base64.getDecoder().decode(d.getAsString());
    } catch (IllegalArgumentException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": message.data is not valid base64: " + e.getMessage(), e);
    }
  }

  /**
   * The trace context the publisher put in the message attributes: Google's client libraries write
   * {@code googclient_traceparent} / {@code googclient_tracestate} when OpenTelemetry tracing is
   * on; other instrumentations write {@code traceparent} / {@code tracestate}. Malformed: empty.
   */
  static Optional<TraceContext> trace(JsonObject message) {
    JsonElement attrs = message.get("attributes");
    if (attrs == null || !attrs.isJsonObject()) {
      return Optional.empty();
    }
    JsonObject a = attrs.getAsJsonObject();
    return TraceContext.parse(
            attribute(a, "googclient_traceparent"), attribute(a, "googclient_tracestate"))
        .or(() -> TraceContext.parse(attribute(a, "traceparent"), attribute(a, "tracestate")));
  }

  private static String attribute(JsonObject attributes, String name) {
    JsonElement v = attributes.get(name);
    return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()
        ? v.getAsString()
        : null;
  }

  /**
   * The decoded data as an unwrapped payload: its media type is the message attribute {@code
   * content-type} (any case) when there is one, else {@code application/octet-stream}.
   */
  static Payload unwrapped(JsonObject message, String what) {
    String contentType = OCTET_STREAM;
    JsonElement attrs = message.get("attributes");
    if (attrs != null && attrs.isJsonObject()) {
      for (var e : attrs.getAsJsonObject().entrySet()) {
        if (e.getKey().equalsIgnoreCase("content-type")
            && e.getValue().isJsonPrimitive()
            && !e.getValue().getAsString().isBlank()
            && e.getValue().getAsString().chars().noneMatch(c -> c < 0x20 || c == 0x7F)) {
          contentType = e.getValue().getAsString();
        }
      }
    }
    return new Payload(contentType, data(message, what));
  }
}
