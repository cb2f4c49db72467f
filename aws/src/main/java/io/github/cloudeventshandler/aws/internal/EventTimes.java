package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonElement;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Turns the time stamps AWS services write into CloudEvent {@code time} values: RFC 3339 text, the
 * {@code +0000} offsets of CodeCommit and CloudWatch alarms, and epoch milliseconds. Not part of
 * the public API.
 */
final class EventTimes {
  private static final DateTimeFormatter COMPACT_OFFSET =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .appendPattern("XX")
          .toFormatter();

  private EventTimes() {}

  /**
   * Parses {@code 2020-09-30T15:58:34Z}, {@code 2016-01-01T23:59:59.000+0000} and the like.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} naming the field
   */
  public static OffsetDateTime parse(String text, String where, String name) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException first) {
      try {
        return OffsetDateTime.parse(text, COMPACT_OFFSET);
      } catch (DateTimeParseException second) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            "aws " + where + ": field \"" + name + "\" is not a time stamp: " + text,
            second);
      }
    }
  }

  /**
   * Epoch milliseconds (a JSON number) as a UTC time.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when not an integral number in range
   */
  public static OffsetDateTime epochMillis(JsonElement value, String where, String name) {
    if (value == null
        || !value.isJsonPrimitive()
        || !value.getAsJsonPrimitive().isNumber()
        || !value.getAsString().matches("[0-9]{1,15}")) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "aws "
              + where
              + ": field \""
              + name
              + "\" must be epoch milliseconds but is "
              + (value == null ? "missing" : value.toString()));
    }
    long ms = Long.parseLong(value.getAsString());
    ChronoField.INSTANT_SECONDS.checkValidValue(ms / 1000);
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
  }
}
