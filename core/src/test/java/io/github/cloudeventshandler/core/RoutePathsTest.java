package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.BadEventException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutePathsTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "//storage.googleapis.com/projects/_/buckets/b | /storage.googleapis.com/projects/_/buckets/b",
        "https://example.com/orders/ | /example.com/orders",
        "http://localhost:8080/source | /localhost:8080/source",
        "/mycontext/subcontext | /mycontext/subcontext",
        "contoso/items | /contoso/items",
        "aws.s3 | /aws.s3",
        "urn:uuid:6e8bc430 | /urn:uuid:6e8bc430",
        "my source | /my%20source",
        "caf\u00e9 | /caf%C3%A9",
        "a?b=c#d | /a%3Fb=c%23d",
        "%2e%2e | /%252e%252e",
        "a/.../b | /a/.../b"
      })
  void sourcesBecomeSafeRoutes(String source, String route) {
    assertThat(RoutePaths.fromSource(source)).isEqualTo(route);
    assertThat(RoutePaths.checkRoute(route)).isEqualTo(route);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "../../etc/passwd",
        "https://example.com/../admin",
        "a/./b",
        "a/..",
        "a//b",
        "/",
        "https://",
        "a\\b",
        "a/b\u0000c",
        "line\nbreak",
        "c1\u0085control"
      })
  void unsafeSourcesAreRejected(String source) {
    assertThatThrownBy(() -> RoutePaths.fromSource(source))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH))
        .hasMessageContaining("CloudEvent source")
        .hasMessageEndingWith("(see docs/troubleshooting.md#unsafe-path)");
  }

  @Test
  void controlCharactersAreEscapedInTheMessage() {
    assertThatThrownBy(() -> RoutePaths.fromSource("a\r\nb/../c"))
        .hasMessageContaining("\\u000d\\u000a")
        .hasMessageNotContaining("\r");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {".", "..", "", "a/b", "a\\b", "a\u0000", "\u007f"})
  void unsafeSegmentsAreRejected(String segment) {
    assertThatThrownBy(() -> RoutePaths.segment(segment))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH));
  }

  @Test
  void segmentsArePercentEncodedOnce() {
    assertThat(RoutePaths.segment("aws.s3")).isEqualTo("aws.s3");
    assertThat(RoutePaths.segment("100%")).isEqualTo("100%25");
    assertThat(RoutePaths.segment("a b")).isEqualTo("a%20b");
    assertThat(RoutePaths.segment("...")).isEqualTo("...");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {"/aws.sqs", "/", "/orders/new", "/my%20route", "/google.cloud.storage", "/a:b@c"})
  void goodRoutesPass(String route) {
    assertThat(RoutePaths.checkRoute(route)).isEqualTo(route);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "aws.sqs",
        "/aws.sqs/",
        "//x",
        "/a/../b",
        "/a/./b",
        "/%2e%2e/x",
        "/%2E/x",
        "/.%2e",
        "/a%2fb",
        "/a%5Cb",
        "/a%0Ab",
        "/a%7f",
        "/a b",
        "/a?b",
        "/a#b",
        "/a\\b"
      })
  void unsafeRoutesAreRejected(String route) {
    assertThatThrownBy(() -> RoutePaths.checkRoute(route))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH));
  }

  @Test
  void joinPutsThePrefixInFront() {
    assertThat(RoutePaths.join("", "/aws.s3")).isEqualTo("/aws.s3");
    assertThat(RoutePaths.join("/events", "/aws.s3")).isEqualTo("/events/aws.s3");
    assertThat(RoutePaths.join("/events", "/")).isEqualTo("/events");
  }
}
