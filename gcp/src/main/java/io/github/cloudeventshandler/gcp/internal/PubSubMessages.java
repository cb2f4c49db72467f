package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Payload;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reading a Pub/Sub {@code PubsubMessage} object ({@code message} of a push body or of {@code
 * MessagePublishedData}): its id, publish time, attributes and base64 {@code data}. Both the
 * camelCase and the snake_case spellings of {@code messageId} / {@code publishTime} are accepted.
 * Every field is optional, as in Google's {@code MessagePublishedData} schema; a field of another
 * JSON type than the schema's is refused naming its path ({@link GcpFields}).
 */
final class PubSubMessages {
  /** The media type of decoded message data when the message does not name one. */
  static final String OCTET_STREAM = "application/octet-stream";

  private PubSubMessages() {}

  /** The {@code message} object of a {@code {"message":…}} body, or null when it has none. */
  static JsonObject message(JsonObject body, String what) {
    return GcpFields.object(body, "message", "message", what);
  }

  /** A string field of the message under either spelling, when present. */
  static Optional<String> string(JsonObject message, String camel, String snake, String what) {
    for (String name : new String[] {camel, snake}) {
      String v = GcpFields.string(message, name, "message." + name, what);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The decoded {@code data}; empty bytes when the message carries attributes only. */
  static byte[] data(JsonObject message, String what) {
    String d = GcpFields.string(message, "data", "message.data", what);
    if (d == null) {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(d);
    } catch (IllegalArgumentException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": message.data is not valid base64: " + e.getMessage(), e);
    }
  }

  /**
   * The message attributes, checked: an object of strings ({@code message.attributes.<name> must be
   * a string}); null when there are none.
   */
  static JsonObject attributes(JsonObject message, String what) {
    JsonObject attrs = GcpFields.object(message, "attributes", "message.attributes", what);
    if (attrs != null) {
      for (Map.Entry<String, JsonElement> e : attrs.entrySet()) {
        GcpFields.stringValue(e.getValue(), "message.attributes." + e.getKey(), what);
      }
    }
    return attrs;
  }

  /**
   * The decoded data as an unwrapped payload: its media type is the message attribute {@code
   * content-type} (any case) when it is printable ASCII, else {@code application/octet-stream}. A
   * message that is null (a {@code MessagePublishedData} without one) gives empty bytes.
   */
  static Payload unwrapped(JsonObject message, String what) {
    if (message == null) {
      return new Payload(OCTET_STREAM, new byte[0]);
    }
    String contentType = OCTET_STREAM;
    JsonObject attrs = attributes(message, what);
    if (attrs != null) {
      for (Map.Entry<String, JsonElement> e : attrs.entrySet()) {
        String v = e.getValue().getAsString(); // checked by attributes()
        if (e.getKey().equalsIgnoreCase("content-type")
            && !v.isBlank()
            && v.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
          contentType = v;
        }
      }
    }
    return new Payload(contentType, data(message, what));
  }
}
