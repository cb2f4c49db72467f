package io.github.cloudeventshandler.core.spi;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, parsing and formatting, with a hand-written path
 * for the shape nearly every event carries ({@code 2024-05-01T12:34:56.789Z}, {@code ...+02:00}).
 * {@code java.time}'s general parser costs a few microseconds per call, a sizeable part of what
 * classifying one record costs; this path gives the same result for that shape and hands everything
 * else (lower-case letters, no seconds, five-digit years, out-of-range fields) to the general
 * formatter, so results and errors are exactly those of {@code ISO_OFFSET_DATE_TIME}. Not part of
 * the public API.
 */
public final class Timestamps {
  private Timestamps() {}

  /**
   * {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME)}.
   *
   * @throws java.time.format.DateTimeParseException exactly when that throws
   */
  public static OffsetDateTime parse(CharSequence text) {
    OffsetDateTime fast = parseCommon(text);
    return fast != null ? fast : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** {@code time.format(ISO_OFFSET_DATE_TIME)}. */
  public static String format(OffsetDateTime time) {
    int year = time.getYear();
    if (year < 0 || year > 9999) {
      return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    StringBuilder b = new StringBuilder(35);
    pad(b, year, 4).append('-');
    pad(b, time.getMonthValue(), 2).append('-');
    pad(b, time.getDayOfMonth(), 2).append('T');
    pad(b, time.getHour(), 2).append(':');
    pad(b, time.getMinute(), 2).append(':');
    pad(b, time.getSecond(), 2);
    int nano = time.getNano();
    if (nano != 0) {
      int digits = 9;
      while (nano % 10 == 0) {
        nano /= 10;
        digits--;
      }
      pad(b.append('.'), nano, digits);
    }
    int offset = time.getOffset().getTotalSeconds();
    if (offset == 0) {
      return b.append('Z').toString();
    }
    int abs = Math.abs(offset);
    b.append(offset < 0 ? '-' : '+');
    pad(b, abs / 3600, 2).append(':');
    pad(b, abs / 60 % 60, 2);
    if (abs % 60 != 0) {
      pad(b.append(':'), abs % 60, 2);
    }
    return b.toString();
  }

  private static StringBuilder pad(StringBuilder b, int value, int width) {
    for (int div = pow10(width - 1); div > 0; div /= 10) {
      b.append((char) ('0' + value / div % 10));
    }
    return b;
  }

  private static int pow10(int n) {
    int p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)} with upper-case letters, or null for anything
   * else (including values out of range), which the general parser then decides.
   */
  static OffsetDateTime parseCommon(CharSequence s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
        nano = nano * 10 + (s.charAt(i) - '0');
        i++;
      }
      int count = i - start;
      if (count == 0 || (i < n && isDigit(s.charAt(i)))) {
        return null;
      }
      for (int k = count; k < 9; k++) {
        nano *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if ((oh | om) < 0 || om > 59) {
        return null;
      }
      int total = oh * 3600 + om * 60;
      try {
        offset = ZoneOffset.ofTotalSeconds(s.charAt(i) == '-' ? -total : total);
      } catch (DateTimeException e) {
        return null;
      }
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(CharSequence s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
