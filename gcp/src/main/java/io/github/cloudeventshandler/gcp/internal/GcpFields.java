package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.StrictJson;
import java.nio.charset.StandardCharsets;

/**
 * The one way the GCP module reads a field of an event's JSON, and the one way it puts event text
 * into a URI it builds.
 *
 * <ul>
 *   <li>Typed accessors ({@link #string}, {@link #object}, {@link #requireString}, …): absent and
 *       {@code null} read as absent; any other JSON type than the one asked for is a {@link
 *       BadEventException} {@link Problem#INVALID_FIELD} naming the field's path ({@code
 *       message.attributes.k must be a string, not a number}), never a Gson exception.
 *   <li>{@link #uriPath} and {@link #uriAuthority}: percent-encode text taken from an event so that
 *       a URI-reference built around it (a CloudEvent {@code source}) is always valid. Names are
 *       data: nothing is rejected, {@code %}, {@code ?}, {@code #}, spaces, controls and non-ASCII
 *       are encoded (UTF-8 bytes).
 * </ul>
 *
 * <p>Core is getting a shared accessor and URI-reference encoder; this file is the GCP-local
 * stand-in and the only place to switch over when it lands.
 */
public final class GcpFields {
  private GcpFields() {}

  /**
   * The string at {@code name} of {@code parent}, or null when absent or JSON {@code null}.
   *
   * @param path the field's path for messages ({@code message.messageId})
   * @param what the start of every message ({@code gcp Pub/Sub push for subscription 's'})
   * @throws BadEventException {@link Problem#INVALID_FIELD} when it is not a string
   */
  public static String string(JsonObject parent, String name, String path, String what) {
    JsonElement v = parent.get(name);
    if (v == null || v.isJsonNull()) {
      return null;
    }
    return stringValue(v, path, what);
  }

  /** As {@link #string}, but absence (or an empty string) is {@link Problem#MISSING_FIELD}. */
  public static String requireString(JsonObject parent, String name, String path, String what) {
    String s = string(parent, name, path, what);
    if (s == null || s.isEmpty()) {
      throw new BadEventException(
          Problem.MISSING_FIELD, what + ": field " + path + " is missing or empty");
    }
    return s;
  }

  /**
   * A JSON value that must be a string.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} naming {@code path} otherwise
   */
  public static String stringValue(JsonElement v, String path, String what) {
    if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
      throw mismatch(v, path, "a string", what);
    }
    return v.getAsString();
  }

  /**
   * The object at {@code name} of {@code parent}, or null when absent or JSON {@code null}.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when it is not an object
   */
  public static JsonObject object(JsonObject parent, String name, String path, String what) {
    JsonElement v = parent.get(name);
    if (v == null || v.isJsonNull()) {
      return null;
    }
    return objectValue(v, path, what);
  }

  /** As {@link #object}, but absence is {@link Problem#MISSING_FIELD}. */
  public static JsonObject requireObject(JsonObject parent, String name, String path, String what) {
    JsonObject o = object(parent, name, path, what);
    if (o == null) {
      throw new BadEventException(Problem.MISSING_FIELD, what + ": field " + path + " is missing");
    }
    return o;
  }

  /**
   * A JSON value that must be an object.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} naming {@code path} otherwise
   */
  public static JsonObject objectValue(JsonElement v, String path, String what) {
    if (v == null || !v.isJsonObject()) {
      throw mismatch(v, path, "an object", what);
    }
    return v.getAsJsonObject();
  }

  private static BadEventException mismatch(
      JsonElement v, String path, String expected, String what) {
    return new BadEventException(
        Problem.INVALID_FIELD,
        what + ": field " + path + " must be " + expected + ", not " + StrictJson.kindOf(v));
  }

  /**
   * Percent-encodes event text for a URI path: unreserved characters, sub-delimiters, {@code :},
   * {@code @} and {@code /} stay; everything else (including {@code %}, {@code ?}, {@code #},
   * space, controls, non-ASCII) becomes {@code %XX} of its UTF-8 bytes. The result is always a
   * valid path of a URI-reference, and unchanged for the names Google documents ({@code
   * projects/p/subscriptions/s}, {@code projects/p/databases/(default)}).
   */
  public static String uriPath(String text) {
    return encode(text, true);
  }

  /** As {@link #uriPath} for a host (and optional {@code :port}) after {@code //}: no {@code /}. */
  public static String uriAuthority(String text) {
    return encode(text, false);
  }

  private static String encode(String text, boolean path) {
    int i = 0;
    while (i < text.length() && keeps(text.charAt(i), path)) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (byte x : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if (c < 0x80 && keeps((char) c, path)) {
        b.append((char) c);
      } else {
        b.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return b.toString();
  }

  private static boolean keeps(char c, boolean path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return switch (c) {
      case '-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':' -> true;
      case '@', '/' -> path;
      default -> false;
    };
  }
}
