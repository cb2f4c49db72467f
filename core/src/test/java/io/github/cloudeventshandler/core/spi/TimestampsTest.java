package io.github.cloudeventshandler.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path agrees with {@code ISO_OFFSET_DATE_TIME} on every input, accepted or not. */
class TimestampsTest {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00.000Z",
        "2024-05-01T12:34:56Z",
        "2024-05-01T12:34:56.7Z",
        "2024-05-01T12:34:56.123456789Z",
        "2024-05-01T12:34:56+02:00",
        "2024-05-01T12:34:56.5-05:30",
        "2024-05-01T12:34:56+00:00",
        "2024-05-01T12:34:56-00:00",
        "2024-05-01T12:34:56+18:00",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "2024-02-29T00:00:00Z"
      })
  void theCommonShapeTakesTheFastPathAndAgrees(String text) {
    assertThat(Timestamps.parseCommon(text)).isNotNull().isEqualTo(OffsetDateTime.parse(text, ISO));
    assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text, ISO));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-01t12:34:56z",
        "2024-05-01T12:34Z",
        "+12024-05-01T12:34:56Z",
        "2024-05-01T12:34:56+02:00:30",
        "2024-05-01T12:34:56.1234567890Z",
        "2024-05-01T12:34:56.Z",
        "2023-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-05-01T24:00:00Z",
        "2024-05-01T23:59:60Z",
        "2024-05-01T12:34:56+19:00",
        "2024-05-01T12:34:56+01:75",
        "2024-05-01T12:34:56",
        "2024-05-01T12:34:56ZZ",
        "2024-05-01 12:34:56Z",
        "２０２４-05-01T12:34:56Z",
        ""
      })
  void everythingElseIsDecidedByTheGeneralParser(String text) {
    assertThat(Timestamps.parseCommon(text)).isNull();
    OffsetDateTime expected;
    try {
      expected = OffsetDateTime.parse(text, ISO);
    } catch (DateTimeParseException e) {
      assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
      return;
    }
    assertThat(Timestamps.parse(text)).isEqualTo(expected);
  }

  @Test
  void randomTimesFormatAndParseExactlyAsIsoDoes() {
    Random random = new Random(20261123);
    for (int i = 0; i < 20_000; i++) {
      int nano =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      int offset =
          switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> (random.nextInt(37) - 18) * 3600 + random.nextInt(4) * 900;
            default -> random.nextInt(2 * 18 * 3600 + 1) - 18 * 3600;
          };
      OffsetDateTime t =
          OffsetDateTime.of(
              random.nextInt(12_000) - 1_000,
              1 + random.nextInt(12),
              1 + random.nextInt(28),
              random.nextInt(24),
              random.nextInt(60),
              random.nextInt(60),
              nano,
              ZoneOffset.ofTotalSeconds(Math.max(-18 * 3600, Math.min(18 * 3600, offset))));
      String iso = t.format(ISO);
      assertThat(Timestamps.format(t)).as("format %s", t).isEqualTo(iso);
      assertThat(Timestamps.parse(iso))
          .as("parse %s", iso)
          .isEqualTo(OffsetDateTime.parse(iso, ISO));
    }
  }
}
