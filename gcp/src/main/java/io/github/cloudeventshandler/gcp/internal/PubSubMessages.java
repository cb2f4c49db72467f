package io.github.cloudeventshandler.gcp.internal;

import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.TraceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reading a Pub/Sub {@code PubsubMessage} object ({@code message} of a push body or of {@code
 * MessagePublishedData}): its id, publish time, attributes and base64 {@code data}. Both the
 * camelCase and the snake_case spellings of {@code messageId} / {@code publishTime} are accepted.
 * Every field is optional, as in Google's {@code MessagePublishedData} schema; a field of another
 * JSON type than the schema's is refused naming its path (through {@link EventField}).
 */
final class PubSubMessages {
  /** The media type of decoded message data when the message does not name one. */
  static final String OCTET_STREAM = "application/octet-stream";

  private PubSubMessages() {}

  /** A string field of the message under either spelling, when present. */
  static Optional<String> string(EventField message, String camel, String snake) {
    for (String name : new String[] {camel, snake}) {
      Optional<String> v = message.get(name).optStringOrEmpty();
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  /** The decoded {@code data}; empty bytes when the message carries attributes only. */
  static byte[] data(EventField message) {
    return message.get("data").optBase64().orElse(new byte[0]);
  }

  /**
   * The message attributes, in order, each a string ({@code field message.attributes.k must be a
   * string}); empty when there are none.
   */
  static Map<String, String> attributes(EventField message) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, EventField> e : message.get("attributes").members().entrySet()) {
      EventField v = e.getValue();
      out.put(
          e.getKey(),
          v.optStringOrEmpty().orElseThrow(() -> v.invalid("must be a string but is null")));
    }
    return out;
  }

  /**
   * The trace context the publisher put in the message attributes: Google's client libraries write
   * {@code googclient_traceparent} / {@code googclient_tracestate} when OpenTelemetry tracing is
   * on; other instrumentations write {@code traceparent} / {@code tracestate}. Malformed: empty.
   */
  static Optional<TraceContext> trace(EventField message) {
    EventField a = message.get("attributes");
    return TraceContext.parse(
            attribute(a, "googclient_traceparent"), attribute(a, "googclient_tracestate"))
        .or(() -> TraceContext.parse(attribute(a, "traceparent"), attribute(a, "tracestate")));
  }

  /** A trace attribute, or null when absent or not a string (a trace is never an error). */
  private static String attribute(EventField attributes, String name) {
    EventField v = attributes.isObject() ? attributes.get(name) : null;
    return v != null && v.isString() ? v.string() : null;
  }

  /**
   * The decoded data as an unwrapped payload: its media type is the message attribute {@code
   * content-type} (any case) when it is printable ASCII, else {@code application/octet-stream}. An
   * absent message (a {@code MessagePublishedData} without one) gives empty bytes.
   */
  static Payload unwrapped(EventField message) {
    String contentType = OCTET_STREAM;
    for (Map.Entry<String, String> e : attributes(message).entrySet()) {
      String v = e.getValue();
      if (e.getKey().equalsIgnoreCase("content-type")
          && !v.isBlank()
          && v.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
        contentType = v;
      }
    }
    return new Payload(contentType, data(message));
  }
}
