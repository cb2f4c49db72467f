package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.internal.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Turns the time stamps AWS services write into CloudEvent {@code time} values: RFC 3339 text, the
 * {@code +0000} offsets of CodeCommit and CloudWatch alarms, epoch seconds and milliseconds. Two
 * families: {@link #parse} / {@link #epochMillis} name the place as {@code aws <where>: field
 * "name"}; {@link #isoTime} / {@link #epochTime} as {@code <kind> event <id>: field <path>} (the
 * {@code Records[]}, Firehose and proxy sources). Not part of the public API.
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
      return Timestamps.parse(text);
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
        || value.getAsString().length() > 15
        || !digits(value.getAsString())) {
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

  /** An ISO-8601 timestamp, or null when the value is null. */
  static OffsetDateTime isoTime(String value, String kind, String where, String eventId) {
    if (value == null) {
      return null;
    }
    try {
      return Timestamps.parse(value);
    } catch (DateTimeParseException e) {
      throw EventFields.invalidAt(
          kind, where, eventId, "is not an ISO-8601 timestamp: '" + value + "'");
    }
  }

  /**
   * An epoch timestamp (a JSON number, possibly fractional or in exponent form) or an ISO-8601
   * string; null when absent.
   *
   * @param millis whether numbers count milliseconds (else seconds)
   */
  static OffsetDateTime epochTime(
      JsonObject o, String name, boolean millis, String kind, String where, String eventId) {
    JsonElement e = o == null ? null : o.get(name);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!e.isJsonPrimitive()) {
      throw EventFields.invalidAt(kind, where, eventId, "is not a timestamp");
    }
    String text = e.getAsString();
    boolean number = e.getAsJsonPrimitive().isNumber();
    if (!number && !e.getAsJsonPrimitive().isString()) {
      throw EventFields.invalidAt(kind, where, eventId, "is not a timestamp");
    }
    if (!number && !digitsOrDot(text)) {
      return isoTime(text, kind, where, eventId);
    }
    if (text.length() <= 15 && digits(text)) { // the common case: integral epoch, no BigDecimal
      long value = Long.parseLong(text);
      return Instant.ofEpochMilli(millis ? value : value * 1000).atOffset(ZoneOffset.UTC);
    }
    try {
      return epoch(new BigDecimal(text), millis);
    } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException ex) {
      throw EventFields.invalidAt(
          kind, where, eventId, "is not an epoch timestamp: '" + text + "'");
    }
  }

  /** One or more ASCII digits. */
  static boolean digits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean digitsOrDot(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isDigit(c) && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static OffsetDateTime epoch(BigDecimal value, boolean millis) {
    BigDecimal ms = millis ? value : value.movePointRight(3);
    long whole = ms.longValue();
    int nanos = ms.subtract(BigDecimal.valueOf(whole)).movePointRight(6).intValue();
    return Instant.ofEpochMilli(whole).plusNanos(nanos).atOffset(ZoneOffset.UTC);
  }
}
