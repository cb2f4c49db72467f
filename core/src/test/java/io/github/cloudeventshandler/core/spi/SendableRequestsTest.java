package io.github.cloudeventshandler.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP request rule; {@code RequestRulesAgreeWithJettyTest} (servlet-bridge) checks the same
 * rule against the real Jetty on generated paths and hosts.
 */
class SendableRequestsTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "example.com",
        "EXAMPLE.com:8080",
        "a_b.example.com",
        "example.com.",
        "127.0.0.1:65535",
        "[::1]",
        "[::1]:80",
        "[2001:db8::192.0.2.1]",
        "[::ffff:192.0.2.1]",
        "[1:2:3:4:5:6:7:8]",
        "caf%C3%A9.example",
        "a;b",
        "h:08"
      })
  void validHostsPass(String host) {
    assertThat(SendableRequests.host(host, "t")).isEqualTo(host);
    assertThat(SendableRequests.hostProblem(host)).isNull();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "a b",
        "a,b",
        "a@b",
        "a/b",
        "x:y:z",
        ":80",
        "example.com:",
        "example.com:0",
        "example.com:65536",
        "[::1",
        "[1:2:3:4:5:6:7:8:9]",
        "[1::2::3]",
        "[::1]x",
        "[v1.x]",
        "a%b",
        "example.com:\u0668\u0660"
      })
  void invalidHostsAreRefused(String host) {
    assertThatThrownBy(() -> SendableRequests.host(host, "aws x event 1"))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_HEADER))
        .hasMessageStartingWith("aws x event 1: Host ");
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "caf\u00e9.example | xn--caf-dma.example",
        "\u00fcber.example:8080 | xn--ber-goa.example:8080",
        "\uff45xample.com | example.com"
      })
  void internationalisedNamesBecomeAscii(String host, String ascii) {
    assertThat(SendableRequests.host(host, "t")).isEqualTo(ascii);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/ | /",
        "/a/ | /a/",
        "/a/./b | /a/b",
        "/a/../b | /b",
        "/a/.. | /",
        "/a/. | /a/",
        "/a;p/b | /a;p/b",
        "/a%2Eb | /a%2Eb",
        "/a b | /a%20b",
        "/caf\u00e9 | /caf%C3%A9",
        "/a[1]{2} | /a%5B1%5D%7B2%7D",
        "relative | /relative"
      })
  void pathsAreNormalised(String raw, String path) {
    assertThat(SendableRequests.path(raw, "t")).isEqualTo(path);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "//a | empty segment",
        "/a//b | empty segment",
        "/;p/a | empty segment with a parameter",
        "/.. | climbs above the root",
        "/a/../../b | climbs above the root",
        "/%2e/a | ambiguous dot segment",
        "/a/..;x/b | ambiguous dot segment",
        "/a%2Fb | %2F",
        "/a%25b | %25",
        "/a%5cb | %5c",
        "/a%7F | %7F",
        "/a%C3 | not UTF-8",
        "/a%zz | two hex digits",
        "/a\\b | %5C"
      })
  void pathsJettyRefusesAreRefusedSayingWhy(String raw, String why) {
    assertThatThrownBy(() -> SendableRequests.path(raw, "gcp http request"))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH))
        .hasMessageStartingWith("gcp http request: path ")
        .hasMessageContaining(why);
  }

  @Test
  void normaliseEncodesWideHeaderValuesAsTheirUtf8Bytes() {
    AppRequest r =
        SendableRequests.normalise(
            AppRequest.builder("GET", "/a/./b")
                .query("q=caf\u00e9 x")
                .header("X-Name", "\u65e5\u672c")
                .header("X-Latin", "caf\u00e9")
                .header("Host", "b\u00fccher.example")
                .build(),
            "t");
    assertThat(r.path()).isEqualTo("/a/b");
    assertThat(r.query()).isEqualTo("q=caf%C3%A9%20x");
    assertThat(r.header("X-Name").orElseThrow().getBytes(StandardCharsets.ISO_8859_1))
        .isEqualTo("\u65e5\u672c".getBytes(StandardCharsets.UTF_8));
    assertThat(r.header("X-Latin")).contains("caf\u00e9");
    assertThat(r.header("Host")).contains("xn--bcher-kva.example");
  }

  /**
   * Fuzzing, gcp-http through Jetty: a plain HTTP request with {@code ce-subject: \t} reached the
   * servlet as {@code ce-subject: } (Jetty drops surrounding whitespace, RFC 9110 section 5.5), so
   * the application saw another value than the one the library sent.
   */
  @Test
  void normaliseTrimsSpacesAndTabsAroundHeaderValuesAsEveryHttpParserDoes() {
    AppRequest r =
        SendableRequests.normalise(
            AppRequest.builder("GET", "/")
                .header("ce-subject", "\t")
                .header("X-Both", " \t a b \t ")
                .header("X-Inner", "a\tb")
                .header("X-Wide", " \u65e5 ")
                .header("Host", "\texample.com:8080 ")
                .build(),
            "t");
    assertThat(r.header("ce-subject")).contains("");
    assertThat(r.header("X-Both")).contains("a b");
    assertThat(r.header("X-Inner")).contains("a\tb");
    assertThat(r.header("X-Wide").orElseThrow().getBytes(StandardCharsets.ISO_8859_1))
        .isEqualTo("\u65e5".getBytes(StandardCharsets.UTF_8));
    assertThat(r.header("Host")).contains("example.com:8080");
    assertThat(SendableRequests.trimmed("\u00a0x\u3000")).isEqualTo("\u00a0x\u3000");
  }

  @Test
  void normaliseRefusesWhatNoRequestCanCarry() {
    assertThatThrownBy(
            () ->
                SendableRequests.normalise(
                    AppRequest.builder("GET", "/").header("X-A", "a\r\nX-B: b").build(), "t"))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_HEADER))
        .hasMessageContaining("control character");
    // every control character the bridge (Jetty's parser) refuses, not only CR, LF and NUL
    for (String value : new String[] {"a\u0001b", "a\u001fb", "a\u007fb", "\u000b"}) {
      assertThatThrownBy(
              () ->
                  SendableRequests.normalise(
                      AppRequest.builder("GET", "/").header("X-A", value).build(), "t"))
          .isInstanceOfSatisfying(
              BadEventException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_HEADER))
          .hasMessageContaining("control character");
    }
    assertThat(
            SendableRequests.normalise(
                    AppRequest.builder("GET", "/").header("X-A", "a\tb").build(), "t")
                .header("X-A"))
        .contains("a\tb");
    assertThatThrownBy(
            () ->
                SendableRequests.normalise(
                    AppRequest.builder("GET", "/").header("X A", "a").build(), "t"))
        .hasMessageContaining("not a header name");
    AppRequest.Builder big = AppRequest.builder("GET", "/");
    for (int i = 0; i < 57; i++) {
      big.header("X-" + i, "v".repeat(1024));
    }
    assertThatThrownBy(() -> SendableRequests.normalise(big.build(), "t"))
        .isInstanceOfSatisfying(
            BadEventException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.HEADERS_TOO_LARGE);
              assertThat(e.problem().httpStatus()).isEqualTo(431);
            });
  }

  @Test
  void contentTypesArePrintableAsciiAndBounded() {
    SendableRequests.checkContentType("application/json; charset=utf-8", "t");
    assertThatThrownBy(() -> SendableRequests.checkContentType("text/plain; x=\u00e9", "t"))
        .hasMessageContaining("RFC 2046");
    assertThatThrownBy(() -> SendableRequests.checkContentType("text/plain\r\nX: y", "t"))
        .hasMessageContaining("index 10");
    assertThatThrownBy(() -> SendableRequests.checkContentType("a/b; x=" + "y".repeat(5000), "t"))
        .hasMessageContaining("at most " + SendableRequests.MAX_CONTENT_TYPE);
  }
}
