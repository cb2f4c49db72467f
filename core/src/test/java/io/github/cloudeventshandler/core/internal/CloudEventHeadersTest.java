package io.github.cloudeventshandler.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import java.net.URI;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudEventHeadersTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '^',
      value = {
        "plain-value_1.2 | plain-value_1.2",
        "a b | a%20b",
        "say \"hi\" | say%20%22hi%22",
        "100% | 100%25",
        "Euro € 😀 | Euro%20%E2%82%AC%20%F0%9F%98%80",
        "tab\there | tab%09here",
        "del\u007f | del%7F"
      })
  void encodesWhatTheHttpBindingRequires(String value, String encoded) {
    assertThat(CloudEventHeaders.encode(value)).isEqualTo(encoded);
  }

  @Test
  void theWholeFormOfAPlatformsEventRefusesWhatUtf8CannotCarry() {
    // found by fuzzing: the Functions Framework handed over a structured event whose source was a
    // lone surrogate; UTF-8 turned it into '?', so the check read another value than the app got
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId("e-1")
            .withSource(URI.create("/s"))
            .withType("t")
            .withSubject("a\udc00b")
            .build();
    assertThatThrownBy(() -> CloudEventHeaders.writeWhole(event, Headers.builder(), "gcp"))
        .isInstanceOf(BadEventException.class)
        .hasMessageStartingWith("gcp CloudEvent id 'e-1': attribute 'subject' contains U+DC00")
        .hasMessageContaining("half of a surrogate pair");
    Headers.Builder h = Headers.builder();
    CloudEventHeaders.writeWhole(
        CloudEventBuilder.v1(event).withSubject("a\ud83d\ude00b").build(), h, "gcp");
    assertThat(h.build().first("ce-subject")).hasValue("a%F0%9F%98%80b");
  }

  @Test
  void crLfAndNulAreNeverRaw() {
    assertThat(CloudEventHeaders.encode("a\r\nb\u0000")).isEqualTo("a%0D%0Ab%00");
  }

  @Test
  void encodingThenDecodingGivesTheValueBack() {
    String value = "Grüße \"x\" 50% 😀 ~!*'()";
    String decoded = CloudEventHeaders.decode("test", "ce-x", CloudEventHeaders.encode(value));
    assertThat(decoded).isEqualTo(value);
  }

  @Test
  void writesEveryAttributeButDatacontenttype() {
    CloudEvent ce =
        CloudEventBuilder.v1()
            .withId("1")
            .withSource(URI.create("/s"))
            .withType("t")
            .withSubject("sub")
            .withDataSchema(URI.create("https://schema/x"))
            .withTime(OffsetDateTime.parse("2020-01-01T00:00:00.5+01:00"))
            .withData("application/json", new byte[] {'{', '}'})
            .withExtension("flag", true)
            .withExtension("num", 7)
            .withExtension("bin", new byte[] {1, 2})
            .withExtension("link", URI.create("https://x/y z".replace(" ", "%20")))
            .build();
    Headers.Builder b = Headers.builder();
    CloudEventHeaders.write(ce, b);
    Headers h = b.build();
    assertThat(h.first("ce-specversion")).contains("1.0");
    assertThat(h.first("ce-subject")).contains("sub");
    assertThat(h.first("ce-dataschema")).contains("https://schema/x");
    assertThat(h.first("ce-time")).contains("2020-01-01T00:00:00.5+01:00");
    assertThat(h.first("ce-flag")).contains("true");
    assertThat(h.first("ce-num")).contains("7");
    assertThat(h.first("ce-bin")).contains("AQI=");
    assertThat(h.first("ce-link")).contains("https://x/y%2520z");
    assertThat(h.contains("ce-datacontenttype")).isFalse();
    assertThat(h.contains("Content-Type")).isFalse();
  }

  @Test
  void decodingRejectsWhatEncodingNeverProduces() {
    assertThatThrownBy(() -> CloudEventHeaders.decode("test", "ce-x", "%E2%82"))
        .isInstanceOf(BadEventException.class);
  }

  /**
   * One reader of binary-mode values for every provider: a control character once decoded is data
   * to {@code decode} (Google's object names, gcp/README.md) and refused by {@code decodeString}; a
   * raw one (but HTAB) is refused by both; quoted strings are unquoted first.
   */
  @Test
  void decodedControlCharactersAreTheCallersRuleRawOnesNever() {
    assertThat(CloudEventHeaders.decode("test", "ce-subject", "objects/a%09b"))
        .isEqualTo("objects/a\tb");
    assertThatThrownBy(() -> CloudEventHeaders.decodeString("test", "ce-type", "a%09b"))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_HEADER))
        .hasMessageContaining("header ce-type 'a%09b' has control character U+0009 once decoded");
    assertThatThrownBy(() -> CloudEventHeaders.decode("test", "ce-id", "a\u0001b"))
        .hasMessageContaining("has a raw control character");
    assertThat(CloudEventHeaders.decodeString("test", "ce-id", "\"a \\\"b\\\" %41\""))
        .isEqualTo("a \"b\" A");
  }

  @Test
  void valuesOverTheLimitAreTruncatedAndNamed() {
    String id = "\u20ac".repeat(2000); // 18,000 characters once encoded
    CloudEvent ce =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(URI.create("/s"))
            .withType("t")
            .withExtension("small", "x")
            .build();
    Headers.Builder b = Headers.builder();
    CloudEventHeaders.write(ce, b);
    Headers h = b.build();
    String header = h.first("ce-id").orElseThrow();
    assertThat(header.length()).isLessThanOrEqualTo(CloudEventHeaders.MAX_VALUE);
    assertThat(header).matches("(%E2%82%AC)+~" + Truncation.hash(id));
    assertThat(h.first(CloudEventHeaders.TRUNCATED)).contains("ce-id");
    assertThat(h.first("ce-small")).contains("x");
    assertThat(CloudEventHeaders.headerValue(id)).isEqualTo(header);
    assertThat(CloudEventHeaders.headerValue("a b")).isEqualTo("a%20b");
  }

  @Test
  void extensionsPastTheBudgetAreLeftOutAndNamed() {
    CloudEventBuilder builder =
        CloudEventBuilder.v1().withId("1").withSource(URI.create("/s")).withType("t");
    for (int i = 0; i < 50; i++) {
      builder.withExtension("e" + i, "v".repeat(2000));
    }
    Headers.Builder b = Headers.builder();
    CloudEventHeaders.write(builder.build(), b);
    Headers h = b.build();
    int bytes =
        h.fields().stream()
            .filter(f -> f.getKey().startsWith("ce-"))
            .mapToInt(f -> f.getKey().length() + f.getValue().length() + 4)
            .sum();
    assertThat(bytes).isLessThanOrEqualTo(CloudEventHeaders.MAX_TOTAL);
    long written = h.names().stream().filter(n -> n.startsWith("ce-e")).count();
    String named = h.first(CloudEventHeaders.TRUNCATED).orElseThrow();
    assertThat(written + named.split(",").length).isEqualTo(50);
    assertThat(h.first("ce-id")).contains("1");
  }

  @Test
  void anEventWithinTheLimitsHasNoTruncationHeader() {
    Headers.Builder b = Headers.builder();
    CloudEventHeaders.write(
        CloudEventBuilder.v1().withId("1").withSource(URI.create("/s")).withType("t").build(), b);
    assertThat(b.build().contains(CloudEventHeaders.TRUNCATED)).isFalse();
  }
}
