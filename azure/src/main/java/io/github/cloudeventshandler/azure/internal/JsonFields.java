package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.StrictJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Typed reads of event fields with errors that name the event, the field and the id. */
final class JsonFields {
  private JsonFields() {}

  /** A required, non-empty string. */
  static String required(JsonObject o, String name, String what) {
    return optional(o, name, what)
        .filter(s -> !s.isEmpty())
        .orElseThrow(
            () ->
                new BadEventException(
                    Problem.MISSING_FIELD, what + ": field '" + name + "' is missing or empty"));
  }

  /** An optional string; present but not a string is an error. */
  static Optional<String> optional(JsonObject o, String name, String what) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": field '" + name + "' must be a string but is " + StrictJson.kindOf(e));
    }
    return Optional.of(e.getAsString());
  }

  /** An RFC 3339 time. */
  static OffsetDateTime time(String value, String name, String what) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": field '" + name + "' is not an RFC 3339 time: '" + value + "'",
          e);
    }
  }

  /**
   * A URI reference; characters a URI may not hold (Azure's documented sample topics contain
   * literal {@code {subscription-id}}) are percent-encoded rather than rejected.
   */
  static URI uri(String value, String name, String what) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      try {
        return new URI(null, null, value, null);
      } catch (URISyntaxException e2) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            what + ": field '" + name + "' is not a URI reference: '" + value + "'",
            e2);
      }
    }
  }
}
