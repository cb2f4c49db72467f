package io.github.cloudeventshandler.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The route rule: event values always become a route Jetty accepts (checked here against {@link
 * RoutePaths#checkRoute}, and through the real Jetty in the servlet-bridge and entry point tests),
 * the reserved namespaces are kept for verified origins, no Unicode or case trick reaches them.
 */
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
        "urn:uuid:6e8bc430 | /urn:uuid:6e8bc430",
        "my source | /my%20source",
        "caf\u00e9 | /caf%C3%A9",
        // issue 10: a source is a URI, so its escapes are decoded once and encoded once
        "https://example.com/caf%C3%A9 | /example.com/caf%C3%A9",
        "https://example.com/caf%c3%a9 | /example.com/caf%C3%A9",
        "a?b=c#d | /a%3Fb=c%23d",
        // what no path can carry, even encoded, becomes '_'
        "https://example.com/a%2Fb | /example.com/a_b",
        "https://example.com/a%5Cb | /example.com/a_b",
        "https://example.com/100%25 | /example.com/100_",
        "https://example.com/a%00b | /example.com/a_b",
        "https://example.com/a%zzb | /example.com/a_zzb",
        "a\\b | /a_b",
        "a/b\u0000c | /a/b_c",
        "c1\u0085control | /c1_control",
        // escapes that are not UTF-8 become U+FFFD
        "https://example.com/%E2%82 | /example.com/%EF%BF%BD",
        // dot segments are kept, as '_' and '__', so nothing climbs
        "../../etc/passwd | /__/__/etc/passwd",
        "https://example.com/../admin | /example.com/__/admin",
        "https://example.com/%2e%2e/admin | /example.com/__/admin",
        "a/./b | /a/_/b",
        "a/.../b | /a/.../b",
        // empty segments vanish
        "a//b | /a/b",
        "/ | /",
        "https:// | /",
        // ';' never starts a path parameter
        "orders;v=1 | /orders%3Bv=1"
      })
  void sourcesBecomeRoutesJettyAccepts(String source, String route) {
    assertThat(RoutePaths.fromSource(source)).isEqualTo(route);
    assertThat(RoutePaths.checkRoute(route)).isEqualTo(route);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "aws.events | /aws.events",
        "com.my.app | /com.my.app",
        // issue 10: names are not URIs: '%' is a character like any other, and no path carries it
        "a%25b | /a_25b",
        "x%2Fy | /x_2Fy",
        "aws.partner/auth0.com/x/y | /aws.partner/auth0.com/x/y",
        "caf\u00e9 | /caf%C3%A9",
        ". | /_",
        ".. | /__",
        "a b | /a%20b"
      })
  void namesBecomeRoutesWithoutDecoding(String name, String route) {
    assertThat(RoutePaths.fromName(name)).isEqualTo(route);
    assertThat(RoutePaths.checkRoute(route)).isEqualTo(route);
  }

  @Test
  void unpairedSurrogatesBecomeTheReplacementCharacter() {
    assertThat(RoutePaths.segment("a\ud800b")).isEqualTo("a%EF%BF%BDb");
    assertThat(RoutePaths.segment("\udc00")).isEqualTo("%EF%BF%BD");
  }

  @Test
  void noUnicodeOrCaseTrickTurnsIntoAscii() {
    // U+212A KELVIN SIGN lower-cases to 'k' in Java's Locale.ROOT; the route rule never folds it
    assertThat(RoutePaths.lowerAscii("Aws.\u212Ainesis")).isEqualTo("aws.\u212Ainesis");
    assertThat(RoutePaths.fromName(RoutePaths.lowerAscii("Aws.\u212Ainesis")))
        .isEqualTo("/aws.%E2%84%AAinesis");
    // U+0130 (dotted capital I) and fullwidth letters stay what they are
    assertThat(RoutePaths.lowerAscii("\u0130")).isEqualTo("\u0130");
    assertThat(RoutePaths.fromName("\uFF41ws.s3")).isEqualTo("/%EF%BD%81ws.s3");
    assertThat(RoutePaths.isReserved("/%EF%BD%81ws.s3")).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "/aws",
        "/aws.s3",
        "/AWS.S3",
        "/aws.s3%3Bx",
        "/aws.%E2%84%AAinesis",
        "/google.cloud.storage",
        "/Google.x/y",
        "/microsoft.storage",
        "/azure.webpubsub",
        "/azure"
      })
  void serviceNamespacesAreReserved(String route) {
    assertThat(RoutePaths.isReserved(route)).isTrue();
    assertThat(RoutePaths.publisherChosen(route)).isEqualTo("/unverified" + route);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "/",
        "/myContext",
        "/awss3",
        "/aws-s3",
        "/aws_s3",
        "/amazonaws.com",
        "/storage.googleapis.com/projects/_/buckets/b",
        "/example.com/aws.s3",
        "/unverified/aws.s3",
        "/microsoftx.y",
        "/com.microsoft.storage"
      })
  void otherRoutesAreTheirOwn(String route) {
    assertThat(RoutePaths.isReserved(route)).isFalse();
    assertThat(RoutePaths.publisherChosen(route)).isEqualTo(route);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // issue 10: sources that claim a service namespace land under /unverified
        "aws.s3 | /unverified/aws.s3",
        "//aws.s3 | /unverified/aws.s3",
        "https://aws.s3 | /unverified/aws.s3",
        "aws.s3;x | /unverified/aws.s3%3Bx",
        "google.cloud.storage | /unverified/google.cloud.storage",
        // more members of the class: case, escapes, authority tricks, other namespaces
        "AWS.S3 | /unverified/AWS.S3",
        "aws%2Es3 | /unverified/aws.s3",
        "https://aws.s3:443/x | /unverified/aws.s3:443/x",
        "https://aws.s3/../x | /unverified/aws.s3/__/x",
        "///aws.sqs | /unverified/aws.sqs",
        "microsoft.storage | /unverified/microsoft.storage",
        "azure.webpubsub | /unverified/azure.webpubsub",
        "google | /unverified/google",
        "/myContext | /myContext"
      })
  void publisherChosenSourcesNeverLandInAReservedNamespace(String source, String route) {
    assertThat(RoutePaths.publisherChosen(RoutePaths.fromSource(source))).isEqualTo(route);
  }

  @Test
  void longRoutesAreTruncatedWithAHashOfTheWholeValue() {
    String a = "https://example.com/" + "x".repeat(3000) + "/a";
    String b = "https://example.com/" + "x".repeat(3000) + "/b";
    String ra = RoutePaths.fromSource(a);
    String rb = RoutePaths.fromSource(b);
    assertThat(ra).hasSize(RoutePaths.MAX_LENGTH).startsWith("/example.com/xxx").contains("~");
    assertThat(ra).isNotEqualTo(rb);
    assertThat(RoutePaths.fromSource(a)).isEqualTo(ra);
    assertThat(RoutePaths.checkRoute(ra)).isEqualTo(ra);
    // a cut never splits an escape or a UTF-8 sequence
    for (int pad = 0; pad < 6; pad++) {
      String r = RoutePaths.fromName("y".repeat(pad) + "\u20ac".repeat(1000));
      assertThat(r.length()).isLessThanOrEqualTo(RoutePaths.MAX_LENGTH);
      assertThat(RoutePaths.checkRoute(r)).isEqualTo(r);
      assertThat(r.substring(0, r.indexOf('~'))).matches("/y*(%E2%82%AC)*");
    }
  }

  @Test
  void anyTextBecomesARouteThatPassesTheCheck() {
    Random random = new Random(10);
    String alphabet = "aA.%/\\;:@?#[]~_- \u0000\u0085\u00e9\u212a\ud800\udc00\u20ac2Ff5C";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder s = new StringBuilder();
      int len = random.nextInt(n % 100 == 0 ? 2000 : 20);
      for (int i = 0; i < len; i++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      for (String route :
          new String[] {RoutePaths.fromSource(s.toString()), RoutePaths.fromName(s.toString())}) {
        assertThat(RoutePaths.checkRoute(route)).as("from %s", s).isEqualTo(route);
        assertThat(route.length()).isLessThanOrEqualTo(RoutePaths.MAX_LENGTH);
        assertThat(route.chars().allMatch(c -> c > 0x20 && c < 0x7F)).isTrue();
      }
    }
  }

  @Test
  void anEmptySegmentIsNotASegment() {
    assertThatThrownBy(() -> RoutePaths.segment(""))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH));
  }

  @Test
  void segmentsArePercentEncodedOnce() {
    assertThat(RoutePaths.segment("aws.s3")).isEqualTo("aws.s3");
    assertThat(RoutePaths.segment("a b")).isEqualTo("a%20b");
    assertThat(RoutePaths.segment("...")).isEqualTo("...");
    assertThat(RoutePaths.segment("~!$&'()*+,=:@")).isEqualTo("~!$&'()*+,=:@");
    assertThat(RoutePaths.segment("\ud83d\ude00")).isEqualTo("%F0%9F%98%80");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "/aws.sqs",
        "/",
        "/orders/new",
        "/my%20route",
        "/google.cloud.storage",
        "/a:b@c",
        "/caf%C3%A9",
        "/a%3Bb",
        "/a%2Eb"
      })
  void goodRoutesPass(String route) {
    assertThat(RoutePaths.checkRoute(route)).isEqualTo(route);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "aws.sqs | must start and not end",
        "/aws.sqs/ | must start and not end",
        "//x | empty segment",
        "/a/../b | dot segment",
        "/a/./b | dot segment",
        "/%2e%2e/x | dot segment",
        "/%2E/x | dot segment",
        "/.%2e | dot segment",
        "/a%2fb | %2f",
        "/a%5Cb | %5C",
        "/a%0Ab | %0A",
        "/a%7f | %7f",
        "/a%25b | %25",
        "/a%zz | two hex digits",
        "/a%C3 | not UTF-8",
        "/a%ED%A0%80 | not UTF-8",
        "/a;b | path parameter",
        "/a b | cannot carry",
        "/a?b | cannot carry",
        "/a#b | cannot carry",
        "/a\\b | cannot carry"
      })
  void routesJettyRefusesAreRejectedSayingWhy(String route, String why) {
    assertThatThrownBy(() -> RoutePaths.checkRoute(route))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH))
        .hasMessageContaining(why);
  }

  @Test
  void tooLongARouteIsRejected() {
    assertThatThrownBy(() -> RoutePaths.checkRoute("/" + "a".repeat(RoutePaths.MAX_LENGTH)))
        .hasMessageContaining("longer than");
  }

  @Test
  void joinPutsThePrefixInFront() {
    assertThat(RoutePaths.join("", "/aws.s3")).isEqualTo("/aws.s3");
    assertThat(RoutePaths.join("/events", "/aws.s3")).isEqualTo("/events/aws.s3");
    assertThat(RoutePaths.join("/events", "/")).isEqualTo("/events");
  }
}
