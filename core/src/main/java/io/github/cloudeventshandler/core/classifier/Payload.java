package io.github.cloudeventshandler.core.classifier;

import com.google.gson.JsonElement;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.internal.SharedBytes;
import io.github.cloudeventshandler.core.spi.JsonBytes;
import io.github.cloudeventshandler.core.spi.SendableRequests;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A body and its media type. The bytes are copied in and never exposed for writing.
 *
 * @param contentType the media type, e.g. {@code application/json}; never null; spaces and tabs
 *     around it are dropped (they are no part of a header value, RFC 9110 section 5.5, and Jetty
 *     would drop them from the request's {@code Content-Type})
 * @param bytes the body
 */
public record Payload(String contentType, byte[] bytes) {
  /** The JSON media type used for native JSON events. */
  public static final String JSON = "application/json";

  /** Validates and copies. */
  public Payload {
    contentType = SendableRequests.trimmed(Objects.requireNonNull(contentType, "contentType"));
    bytes = Objects.requireNonNull(bytes, "bytes").clone();
  }

  /** A JSON payload from UTF-8 text. */
  public static Payload json(String json) {
    return new Payload(JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A JSON payload of a tree: exactly the bytes of {@code json.toString()} in UTF-8, written
   * without the intermediate string (this runs once per record of every batch).
   */
  public static Payload json(JsonElement json) {
    return new Payload(JSON, JsonBytes.of(Objects.requireNonNull(json, "json")));
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  static {
    SharedBytes.register(Payload::sharedBytes);
  }

  /**
   * The bytes themselves, for core only ({@link SharedBytes} outside this package): an {@link
   * AppRequest} copies its body when it is built, so copying here too would copy every record's
   * payload twice. Never hand the array to anything that could change it.
   */
  byte[] sharedBytes() {
    return bytes;
  }

  /** The number of bytes, without copying. */
  public int length() {
    return bytes.length;
  }

  /** The body decoded as UTF-8. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payload p
        && p.contentType.equals(contentType)
        && Arrays.equals(p.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return 31 * contentType.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Payload[" + contentType + ", " + bytes.length + " bytes]";
  }
}
