package io.github.cloudeventshandler.core.classifier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RawEventTest {

  static Stream<Arguments> bodies() {
    return Stream.of(
        Arguments.of("{}", true),
        Arguments.of("  [1]", true),
        Arguments.of("\n\t\r {", true),
        Arguments.of("x{}", false),
        Arguments.of("", false),
        Arguments.of("   ", false),
        Arguments.of("\"s\"", false),
        Arguments.of("7", false));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("bodies")
  void looksLikeJsonOnlyChecksTheFirstCharacter(String body, boolean expected) {
    assertThat(RawEvent.builder(RawEvent.AWS, body.getBytes(UTF_8)).build().looksLikeJson())
        .isEqualTo(expected);
  }

  @Test
  void looksLikeJsonSkipsABom() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, ' ', '{', '}'};
    assertThat(RawEvent.builder(RawEvent.AWS, bom).build().looksLikeJson()).isTrue();
  }

  @Test
  void jsonIsParsedOnceWithTheEventsLimits() {
    RawEvent raw = RawEvent.builder(RawEvent.GCP, "{\"a\":[1]}".getBytes(UTF_8)).build();
    assertThat(raw.json()).isSameAs(raw.json());
    RawEvent deep =
        RawEvent.builder(RawEvent.GCP, "[[[1]]]".getBytes(UTF_8))
            .limits(new JsonLimits(100, 2))
            .build();
    assertThatThrownBy(deep::json)
        .isInstanceOf(BadEventException.class)
        .hasMessageStartingWith("gcp event: JSON nested deeper than 2");
  }

  @Test
  void bodyIsCopiedInAndOut() {
    byte[] body = "abc".getBytes(UTF_8);
    RawEvent raw = RawEvent.builder(RawEvent.HTTP, body).build();
    body[0] = 'X';
    assertThat(raw.bodyText()).isEqualTo("abc");
    raw.body()[1] = 'Y';
    assertThat(raw.bodyText()).isEqualTo("abc");
    assertThat(raw.bodyLength()).isEqualTo(3);
  }

  @Test
  void requestLineHeadersAndContext() {
    Object ctx = new Object();
    RawEvent raw =
        RawEvent.builder(RawEvent.HTTP, new byte[0])
            .headers(Headers.builder().add("content-type", "text/plain").build())
            .request("POST", "/a%20b", "x=1")
            .platformContext(ctx)
            .build();
    assertThat(raw.contentType()).contains("text/plain");
    assertThat(raw.method()).contains("POST");
    assertThat(raw.path()).contains("/a%20b");
    assertThat(raw.query()).contains("x=1");
    assertThat(raw.platformContext()).containsSame(ctx);
    assertThat(raw.toString()).isEqualTo("RawEvent[http, 0 bytes, POST /a%20b]");
    RawEvent lambda = RawEvent.builder(RawEvent.AWS, new byte[0]).build();
    assertThat(lambda.method()).isEmpty();
    assertThat(lambda.headers().size()).isZero();
    assertThat(lambda.limits()).isEqualTo(JsonLimits.DEFAULT);
  }
}
