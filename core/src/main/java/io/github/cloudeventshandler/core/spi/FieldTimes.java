package io.github.cloudeventshandler.core.spi;

import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * The time stamp forms events carry, for {@link EventField}: RFC 3339 text, the {@code +0000}
 * offsets of CodeCommit and CloudWatch alarms, epoch seconds and milliseconds as numbers or digit
 * strings.
 */
final class FieldTimes {
  private static final DateTimeFormatter COMPACT_OFFSET =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .appendPattern("XX")
          .toFormatter();

  /** Epoch values beyond this many digits are not times any platform writes. */
  private static final int MAX_EPOCH_CHARS = 40;

  private FieldTimes() {}

  /** {@code 2020-09-30T15:58:34Z}, {@code 2016-01-01T23:59:59.000+0000} and the like. */
  static OffsetDateTime text(EventField field, String text) {
    try {
      return Timestamps.parse(text);
    } catch (DateTimeParseException first) {
      try {
        return OffsetDateTime.parse(text, COMPACT_OFFSET);
      } catch (DateTimeParseException second) {
        throw field.problem(
            Problem.INVALID_FIELD,
            "is not a time stamp like 2020-09-30T15:58:34Z: " + EventField.quote(text),
            second);
      }
    }
  }

  /**
   * Epoch milliseconds or seconds: a JSON number (possibly fractional or in exponent form), a
   * string of digits and at most one dot, or else a time stamp string. Values are bounded before
   * any arithmetic, so an exponent like {@code 1e999999999} costs nothing.
   */
  static OffsetDateTime epoch(EventField field, String text, boolean number, boolean millis) {
    if (!number && !digitsOrDot(text)) {
      return text(field, text);
    }
    if (text.length() <= 15 && EventField.digits(text)) { // the common case, no BigDecimal
      long value = Long.parseLong(text);
      return Instant.ofEpochMilli(millis ? value : value * 1000).atOffset(ZoneOffset.UTC);
    }
    try {
      if (text.length() > MAX_EPOCH_CHARS) {
        throw new NumberFormatException("too long");
      }
      BigDecimal ms = new BigDecimal(text);
      if (ms.scale() > MAX_EPOCH_CHARS || ms.scale() < -MAX_EPOCH_CHARS) {
        throw new ArithmeticException("exponent out of range");
      }
      ms = millis ? ms : ms.movePointRight(3);
      BigDecimal whole = ms.setScale(0, RoundingMode.FLOOR);
      long wholeMs = whole.longValueExact();
      int nanos = ms.subtract(whole).movePointRight(6).intValue();
      return Instant.ofEpochMilli(wholeMs).plusNanos(nanos).atOffset(ZoneOffset.UTC);
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      throw field.invalid(
          "is not an epoch time in "
              + (millis ? "milliseconds" : "seconds")
              + ": "
              + EventField.quote(text));
    }
  }

  private static boolean digitsOrDot(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && c != '.') {
        return false;
      }
    }
    return true;
  }
}
