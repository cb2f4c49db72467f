package io.github.cloudeventshandler.core.internal;

import static io.github.cloudeventshandler.core.spi.EventField.quote;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one event in the CloudEvents JSON format (structured mode) from a tree that {@link
 * StrictJson} already parsed: attributes are top-level members, {@code data} is the JSON value
 * itself (or a string for non-JSON content types), {@code data_base64} holds binary data.
 */
final class StructuredCloudEvent {
  private static final String DATA = "data";
  private static final String DATA_BASE64 = "data_base64";

  private StructuredCloudEvent() {}

  /**
   * Reads and validates one event.
   *
   * @param provider the provider, for messages
   * @param mode {@code structured} or {@code structured batch[3]}, for messages
   */
  static ParsedCloudEvent read(JsonObject o, String provider, String mode) {
    String what =
        CloudEventAttributes.describe(
            provider, mode, peekString(o.get("id")), peekString(o.get("source")));
    // Names first: a "specVersion" must be reported as misspelled, not as a missing specversion.
    for (String name : o.keySet()) {
      if (!CloudEventAttributes.DEFINED.contains(name)
          && !name.equals(DATA)
          && !name.equals(DATA_BASE64)) {
        CloudEventAttributes.checkExtensionName(what, name);
      }
    }
    String specVersion = string(what, o, "specversion");
    if (specVersion == null || specVersion.isEmpty()) {
      throw CloudEventAttributes.missing(what, "specversion");
    }
    CloudEventAttributes.checkSpecVersion(what, specVersion);
    io.cloudevents.core.v1.CloudEventBuilder b = CloudEventBuilder.v1();
    CloudEventAttributes.setRequired(
        b, what, string(what, o, "id"), string(what, o, "source"), string(what, o, "type"));

    String time = string(what, o, "time");
    if (time != null) {
      CloudEventAttributes.setTime(b, what, time);
    }
    String subject = string(what, o, "subject");
    if (subject != null) {
      CloudEventAttributes.setSubject(b, what, subject);
    }
    String schema = string(what, o, "dataschema");
    if (schema != null) {
      CloudEventAttributes.setDataSchema(b, what, schema);
    }
    String contentType = string(what, o, "datacontenttype");
    if (contentType != null) {
      contentType = CloudEventAttributes.checkContentType(what, "datacontenttype", contentType);
    }

    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      String name = e.getKey();
      if (CloudEventAttributes.DEFINED.contains(name)
          || name.equals(DATA)
          || name.equals(DATA_BASE64)) {
        continue;
      }
      extension(b, what, name, e.getValue());
    }

    byte[] data = data(what, o, contentType);
    String effectiveType = contentType != null ? contentType : Payload.JSON;
    if (data != null) {
      if (contentType != null) {
        b.withData(contentType, data);
      } else {
        b.withData(data);
      }
    } else if (contentType != null) {
      b.withDataContentType(contentType);
    }
    return new ParsedCloudEvent(
        b.build(), new Payload(effectiveType, data == null ? new byte[0] : data), what);
  }

  /** Whether a media type is JSON: {@code application/json}, {@code *}{@code /*+json}. */
  static boolean isJson(String contentType) {
    String media = mediaType(contentType);
    int slash = media.indexOf('/');
    String subtype = slash < 0 ? media : media.substring(slash + 1);
    return subtype.equals("json") || subtype.endsWith("+json");
  }

  /** The media type without parameters, lower-cased. */
  static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private static byte[] data(String what, JsonObject o, String contentType) {
    boolean hasData = o.has(DATA);
    boolean hasBase64 = o.has(DATA_BASE64);
    if (hasData && hasBase64) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": has both 'data' and 'data_base64'; the JSON format allows only one");
    }
    if (hasBase64) {
      String b64 = string(what, o, DATA_BASE64);
      if (b64 == null) {
        return null;
      }
      try {
        return Base64.getDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            what + ": data_base64 is not valid base64 (RFC 4648): " + e.getMessage(),
            e);
      }
    }
    if (!hasData) {
      return null;
    }
    JsonElement data = o.get(DATA);
    if (contentType == null || isJson(contentType)) {
      // The JSON value itself; a JSON string stays a JSON string and is never parsed again.
      return data.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (data.isJsonNull()) {
      return null;
    }
    if (data.isJsonPrimitive() && data.getAsJsonPrimitive().isString()) {
      return data.getAsString().getBytes(StandardCharsets.UTF_8);
    }
    // Not a string although the content type is not JSON: deliver its JSON text, nothing lost.
    return data.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void extension(
      io.cloudevents.core.v1.CloudEventBuilder b, String what, String name, JsonElement v) {
    if (v.isJsonNull()) {
      return; // null is the same as absent
    }
    if (v.isJsonPrimitive()) {
      JsonPrimitive p = v.getAsJsonPrimitive();
      if (p.isString()) {
        b.withExtension(name, CloudEventAttributes.checkString(what, name, p.getAsString()));
        return;
      }
      if (p.isBoolean()) {
        b.withExtension(name, p.getAsBoolean());
        return;
      }
      try {
        b.withExtension(name, Integer.valueOf(new BigDecimal(p.getAsString()).intValueExact()));
        return;
      } catch (ArithmeticException | NumberFormatException e) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            what
                + ": extension '"
                + name
                + "' is the number "
                + quote(p.getAsString())
                + ", which is not a CloudEvents Integer (32-bit, no fraction)",
            e);
      }
    }
    throw new BadEventException(
        Problem.INVALID_FIELD,
        what
            + ": extension '"
            + name
            + "' is "
            + StrictJson.kindOf(v)
            + "; extension values are strings, booleans or integers");
  }

  /** A string member, or null when absent or JSON null; other types are invalid. */
  private static String string(String what, JsonObject o, String name) {
    JsonElement v = o.get(name);
    if (v == null || v.isJsonNull()) {
      return null;
    }
    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": attribute '" + name + "' must be a JSON string but is " + StrictJson.kindOf(v));
    }
    return v.getAsString();
  }

  private static String peekString(JsonElement v) {
    return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()
        ? v.getAsString()
        : null;
  }
}
