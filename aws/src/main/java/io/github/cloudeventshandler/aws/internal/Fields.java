package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;

/**
 * Reading fields of AWS event JSON, with the errors DESIGN §8 asks for: every message names the
 * source ({@code aws.sqs}), the field path and the event id when known.
 */
final class Fields {
  private Fields() {}

  /** The object at {@code o[name]}, or null when absent or not an object. */
  static JsonObject object(JsonObject o, String name) {
    if (o == null) {
      return null;
    }
    JsonElement e = o.get(name);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  /** The string (or number text) at the path, or null when absent, null or not a primitive. */
  static String string(JsonObject o, String... path) {
    JsonObject cur = o;
    for (int i = 0; i < path.length - 1; i++) {
      cur = object(cur, path[i]);
    }
    if (cur == null) {
      return null;
    }
    JsonElement e = cur.get(path[path.length - 1]);
    if (e == null || !e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
      return null;
    }
    return e.getAsString();
  }

  /**
   * A required, non-empty string.
   *
   * @param kind the source, e.g. {@code aws.sqs}
   * @param where the field path for messages, e.g. {@code Records[2].messageId}
   * @param eventId the event id when known, else null
   */
  static String require(String value, String kind, String where, String eventId) {
    if (value == null || value.isEmpty()) {
      throw missing(kind, where, eventId);
    }
    return value;
  }

  static BadEventException missing(String kind, String where, String eventId) {
    return new BadEventException(
        Problem.MISSING_FIELD,
        kind + " event" + idPart(eventId) + ": required field " + where + " is missing or empty");
  }

  static BadEventException invalid(String kind, String where, String eventId, String why) {
    return new BadEventException(
        Problem.INVALID_FIELD, kind + " event" + idPart(eventId) + ": field " + where + " " + why);
  }

  private static String idPart(String eventId) {
    return eventId == null ? "" : " " + eventId;
  }

  /**
   * A CloudEvent source URI. ARNs may hold characters a URI may not ({@code {proxy+}} in an API
   * Gateway method ARN, spaces): those are percent-encoded, so the value stays recognisable.
   */
  static URI uri(String value, String kind, String where, String eventId) {
    if (value == null || value.isEmpty()) {
      throw missing(kind, where, eventId);
    }
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      StringBuilder sb = new StringBuilder(value.length() + 16);
      for (byte x : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        int c = x & 0xFF;
        if (c > 0x20 && c < 0x7F && "\"<>\\^`{|} %".indexOf(c) < 0) {
          sb.append((char) c);
        } else {
          sb.append('%')
              .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
        }
      }
      try {
        return new URI(sb.toString());
      } catch (URISyntaxException again) {
        throw invalid(kind, where, eventId, "is not a URI reference: " + again.getMessage());
      }
    }
  }

  /** Standard base64 (the padding-tolerant MIME-free decoder). */
  static byte[] base64(String value, String kind, String where, String eventId) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw invalid(kind, where, eventId, "is not valid base64: " + e.getMessage());
    }
  }
}
