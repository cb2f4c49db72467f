package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.RawEvent;
import io.github.cloudeventshandler.core.StrictJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads fields of AWS event JSON for the classifiers of this package, failing with a {@link
 * BadEventException} whose message names the provider, the source, the place in the event (record,
 * event id) and the field. Not part of the public API.
 *
 * <p>Two ways to name the place, both starting with {@code aws <source>}: the {@code require*},
 * {@link #missing} and {@link #invalid} family takes a {@code where} such as {@code "aws.mq message
 * 2"} and the field name ({@code aws aws.mq message 2: required field "messageID" is missing}); the
 * {@link #string} / {@link #require} / {@link #uri} family, used by the {@code Records[]},
 * Firehose, CloudFormation and proxy classifiers, takes the source, the field path and the event id
 * ({@code aws aws.sqs event m1: required field Records[2].messageId is missing or empty}).
 */
final class EventFields {
  private EventFields() {}

  /** The body as a JSON object, or empty when it is not a JSON object (not AWS, not JSON). */
  public static Optional<JsonObject> root(RawEvent raw) {
    if (!RawEvent.AWS.equals(raw.provider()) || !raw.looksLikeJson()) {
      return Optional.empty();
    }
    JsonElement json = raw.json();
    return json.isJsonObject() ? Optional.of(json.getAsJsonObject()) : Optional.empty();
  }

  /** Whether {@code o.name} is a JSON string. */
  public static boolean isString(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
  }

  /** Whether {@code o.name} is a JSON object. */
  public static boolean isObject(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonObject();
  }

  /** Whether {@code o.name} is a string equal to {@code value}. */
  public static boolean hasString(JsonObject o, String name, String value) {
    return isString(o, name) && o.get(name).getAsString().equals(value);
  }

  /** {@code o.name} when it is a non-empty string. */
  public static Optional<String> optString(JsonObject o, String name) {
    if (o == null || !isString(o, name)) {
      return Optional.empty();
    }
    String s = o.get(name).getAsString();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** {@code o.name} when it is an object. */
  public static Optional<JsonObject> optObject(JsonObject o, String name) {
    return o != null && isObject(o, name) ? Optional.of(o.getAsJsonObject(name)) : Optional.empty();
  }

  /**
   * A required non-empty string.
   *
   * @param where names the source and the place, e.g. {@code "aws.mq message 2"}
   * @throws BadEventException {@link Problem#MISSING_FIELD} when absent, null or empty; {@link
   *     Problem#INVALID_FIELD} when not a string
   */
  public static String requireString(JsonObject o, String name, String where) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      throw missing(where, name);
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw invalid(where, name, "must be a string but is " + StrictJson.kindOf(e));
    }
    String s = e.getAsString();
    if (s.isEmpty()) {
      throw new BadEventException(
          Problem.MISSING_FIELD, "aws " + where + ": field \"" + name + "\" is empty");
    }
    return s;
  }

  /** A required object. */
  public static JsonObject requireObject(JsonObject o, String name, String where) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      throw missing(where, name);
    }
    if (!e.isJsonObject()) {
      throw invalid(where, name, "must be an object but is " + StrictJson.kindOf(e));
    }
    return e.getAsJsonObject();
  }

  /** A required non-empty array. */
  public static JsonArray requireArray(JsonObject o, String name, String where) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      throw missing(where, name);
    }
    if (!e.isJsonArray()) {
      throw invalid(where, name, "must be an array but is " + StrictJson.kindOf(e));
    }
    if (e.getAsJsonArray().isEmpty()) {
      throw new BadEventException(
          Problem.MISSING_FIELD, "aws " + where + ": array \"" + name + "\" is empty");
    }
    return e.getAsJsonArray();
  }

  /** Element {@code i} of an array, which must be an object. */
  public static JsonObject element(JsonArray a, int i, String where) {
    JsonElement e = a.get(i);
    if (!e.isJsonObject()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "aws " + where + ": must be an object but is " + StrictJson.kindOf(e));
    }
    return e.getAsJsonObject();
  }

  /** A required integral number, as its exact decimal text. */
  public static String requireInteger(JsonObject o, String name, String where) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      throw missing(where, name);
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw invalid(where, name, "must be a number but is " + StrictJson.kindOf(e));
    }
    String text = e.getAsJsonPrimitive().getAsString();
    String unsigned = text.startsWith("-") ? text.substring(1) : text;
    if (unsigned.length() > 19 || !EventTimes.digits(unsigned)) {
      throw invalid(where, name, "must be an integer but is " + text);
    }
    return text;
  }

  /**
   * Decodes standard base64 (RFC 4648 §4, with padding).
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} naming the field
   */
  public static byte[] base64(String text, String where, String name) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "aws " + where + ": field \"" + name + "\" is not valid base64: " + e.getMessage(),
          e);
    }
  }

  /** A {@link Problem#MISSING_FIELD} error. */
  public static BadEventException missing(String where, String name) {
    return new BadEventException(
        Problem.MISSING_FIELD, "aws " + where + ": required field \"" + name + "\" is missing");
  }

  /** A {@link Problem#INVALID_FIELD} error. */
  public static BadEventException invalid(String where, String name, String why) {
    return new BadEventException(
        Problem.INVALID_FIELD, "aws " + where + ": field \"" + name + "\" " + why);
  }

  /** {@code application/octet-stream}. */
  public static final String OCTET_STREAM = "application/octet-stream";

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
      throw missingAt(kind, where, eventId);
    }
    return value;
  }

  static BadEventException missingAt(String kind, String where, String eventId) {
    return new BadEventException(
        Problem.MISSING_FIELD,
        "aws "
            + kind
            + " event"
            + idPart(eventId)
            + ": required field "
            + where
            + " is missing or empty");
  }

  static BadEventException invalidAt(String kind, String where, String eventId, String why) {
    return new BadEventException(
        Problem.INVALID_FIELD,
        "aws " + kind + " event" + idPart(eventId) + ": field " + where + " " + why);
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
      throw missingAt(kind, where, eventId);
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
        throw invalidAt(kind, where, eventId, "is not a URI reference: " + again.getMessage());
      }
    }
  }

  /** Standard base64 (the padding-tolerant MIME-free decoder). */
  static byte[] base64At(String value, String kind, String where, String eventId) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw invalidAt(kind, where, eventId, "is not valid base64: " + e.getMessage());
    }
  }
}
