package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.RequestAttributes;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the application sees and what comes back, through real Jetty. */
class ServletApplicationDispatchTest {
  private static ServletApplication app;

  @BeforeAll
  static void start() {
    app = ServletApplication.start(EchoServlet.class, Configuration.builder().build());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static AppRequest.Builder post(String path) {
    return AppRequest.builder("POST", path);
  }

  @Test
  void hostAndContentLengthAreAlwaysSent() {
    AppResponse res = app.call(post("/aws.s3").body(new byte[] {1, 2, 3}).build());
    assertThat(res.header("X-Host")).contains("localhost");
    assertThat(res.header("X-Content-Length")).contains("3");

    AppResponse empty = app.call(AppRequest.builder("GET", "/x").build());
    assertThat(empty.header("X-Content-Length")).contains("0");
    assertThat(empty.bodyLength()).isZero();
  }

  @Test
  void hostOfTheRequestIsKeptOnceAndFramingFieldsAreReplaced() {
    AppResponse res =
        app.call(
            post("/p")
                .header("Host", "api.example.com")
                .header("Content-Length", "999")
                .header("Transfer-Encoding", "chunked")
                .header("Connection", "close")
                .header("Expect", "100-continue")
                .header("Upgrade", "h2c")
                .body("abc".getBytes(StandardCharsets.US_ASCII))
                .build());
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.header("X-Host")).contains("api.example.com");
    assertThat(res.header("X-Content-Length")).contains("3");
    assertThat(res.bodyText()).isEqualTo("abc");
    assertThat(res.header("X-Header-Names").orElseThrow().toLowerCase())
        .doesNotContain("transfer-encoding", "expect", "upgrade", "connection");
  }

  @Test
  void methodTargetAndHeadersArriveAsSent() {
    AppResponse res =
        app.call(
            AppRequest.builder("PUT", "/books/a%20b")
                .query("x=1&y=%C3%A9")
                .header("ce-id", "evt-1")
                .header("Content-Type", "application/json")
                .build());
    assertThat(res.header("X-Method")).contains("PUT");
    assertThat(res.header("X-Uri")).contains("/books/a%20b");
    assertThat(res.header("X-Query")).contains("x=1&y=%C3%A9");
    assertThat(res.header("X-Ce-Id")).contains("evt-1");
  }

  @Test
  void ambiguousEncodedSlashIsABadEventAsJettyRefusesItLikeAnyServlet6Container() {
    assertThatThrownBy(() -> app.call(AppRequest.builder("GET", "/a%2Fb").build()))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("/a%2Fb")
        .hasMessageContaining("separator")
        .satisfies(
            e ->
                assertThat(((BadEventException) e).problem())
                    .isEqualTo(BadEventException.Problem.UNSAFE_PATH));
  }

  @Test
  void asyncServletsAnswerFromTheirOwnThread() {
    AppResponse res = app.call(post("/async").build());
    assertThat(res.status()).isEqualTo(202);
    assertThat(res.bodyText()).isEqualTo("async app-async");
    assertThat(app.call(post("/echo").body(new byte[] {5}).build()).body()).containsExactly(5);
  }

  @Test
  void latin1HeaderValueArrivesAsTheSameCharacters() {
    AppResponse res =
        app.call(AppRequest.builder("GET", "/header").header("X-Echo", "caf\u00e9 \u00ff").build());
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.bodyText()).isEqualTo("caf\u00e9 \u00ff");
  }

  @Test
  void bodyBytesArriveExactlyIncludingBinaryAndEmpty() {
    byte[] binary = new byte[70_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31 + 7);
    }
    assertThat(app.call(post("/echo").body(binary).build()).body()).isEqualTo(binary);
    byte[] crlf = "\r\n\r\nGET / HTTP/1.1\r\n\r\n\0\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(app.call(post("/echo").body(crlf).build()).body()).isEqualTo(crlf);
    AppResponse empty = app.call(post("/echo").build());
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.body()).isEmpty();
  }

  @Test
  void repeatedSetCookieAndChunkedBodyComeBack() {
    AppResponse res = app.call(AppRequest.builder("GET", "/cookies").build());
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.headers().all("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Path=/");
    assertThat(res.bodyText()).isEqualTo("part0;part1;part2;part3;part4;");
    assertThat(res.headers().contains("Transfer-Encoding")).isFalse();
  }

  @Test
  void noServerOrDateHeader() {
    AppResponse res = app.call(post("/echo").build());
    assertThat(res.headers().contains("Server")).isFalse();
    assertThat(res.headers().contains("Date")).isFalse();
  }

  @Test
  void headResponseHasNoBody() {
    AppResponse res = app.call(AppRequest.builder("HEAD", "/echo").build());
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.bodyLength()).isZero();
    // the connection stays usable after a HEAD
    assertThat(app.call(post("/echo").body(new byte[] {9}).build()).body()).containsExactly(9);
  }

  @Test
  void applicationExceptionIsA500AndTheBridgeKeepsWorking() {
    AppResponse res = app.call(post("/boom").build());
    assertThat(res.status()).isEqualTo(500);
    // Jetty's error page, without the stack trace
    assertThat(res.bodyText()).contains("HTTP ERROR 500").doesNotContain("at io.github");
    assertThat(app.call(post("/echo").body(new byte[] {1}).build()).status()).isEqualTo(200);
  }

  @Test
  void connectionCloseFromTheAppIsHonouredAndNotReused() {
    AppResponse res = app.call(post("/close").build());
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.bodyText()).isEqualTo("bye");
    assertThat(res.headers().contains("Connection")).isFalse();
    assertThat(app.call(post("/echo").body(new byte[] {2}).build()).body()).containsExactly(2);
  }

  @Test
  void timeoutIsADispatchErrorNamingMethodPathAndTimeout() {
    AppRequest slow =
        AppRequest.builder("POST", "/slow")
            .query("ms=1000")
            .timeout(Duration.ofMillis(200))
            .build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> app.call(slow))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("POST /slow")
        .hasMessageContaining("200 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(app.call(post("/echo").body(new byte[] {3}).build()).body()).containsExactly(3);
  }

  @Test
  void noTimeLeftIsADispatchErrorAndNothingIsSent() {
    String id = UUID.randomUUID().toString();
    assertThatThrownBy(
            () -> app.call(post("/echo").header("X-Test-Id", id).timeout(Duration.ZERO).build()))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("POST /echo")
        .hasMessageContaining("not sent");
    assertThat(EchoServlet.REACHED).doesNotContainKey(id);
    // a practically unbounded timeout does not overflow the deadline
    AppResponse res =
        app.call(post("/echo").body(new byte[] {4}).timeout(Duration.ofDays(365_000_000)).build());
    assertThat(res.body()).containsExactly(4);
  }

  @Test
  void largeResponseBodiesComeBackWhole() {
    byte[] big = new byte[4 * 1024 * 1024 + 17];
    new java.util.Random(7).nextBytes(big);
    assertThat(app.call(post("/echo").body(big).build()).body()).isEqualTo(big);
  }

  @Test
  void unsafeHeadersAreRejectedBeforeSending() {
    assertThatThrownBy(() -> app.call(post("/echo").header("X-A", "v\r\nX-Injected: 1").build()))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("X-A")
        .satisfies(
            e ->
                assertThat(((BadEventException) e).problem())
                    .isEqualTo(BadEventException.Problem.UNSAFE_HEADER));
    assertThatThrownBy(() -> app.call(post("/echo").header("X-B", "a\0b").build()))
        .isInstanceOf(BadEventException.class);
    assertThatThrownBy(() -> app.call(post("/echo").header("Bad Name", "v").build()))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("Bad Name");
    assertThatThrownBy(() -> app.call(post("/echo").header("X-C", "caf\u00e9\u20ac").build()))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("U+00FF");
    assertThatThrownBy(() -> app.call(post("/a b").build()))
        .isInstanceOf(BadEventException.class)
        .satisfies(
            e ->
                assertThat(((BadEventException) e).problem())
                    .isEqualTo(BadEventException.Problem.UNSAFE_PATH));
    assertThatThrownBy(() -> app.call(AppRequest.builder("GE T", "/").build()))
        .isInstanceOf(BadEventException.class);
  }

  @Test
  void attributesReachTheServletAsTheSameObjects() {
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId("evt-42")
            .withSource(URI.create("arn:aws:s3:::books"))
            .withType("aws.s3.ObjectCreated:Put")
            .build();
    byte[] raw = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
    Object context = new Object();
    String id = UUID.randomUUID().toString();
    AppResponse res =
        app.call(
            post("/attributes")
                .header("X-Test-Id", id)
                .attribute(RequestAttributes.CLOUD_EVENT, event)
                .attribute(RequestAttributes.RAW_EVENT, raw)
                .attribute(RequestAttributes.PLATFORM_CONTEXT, context)
                .attribute(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE)
                .build());
    assertThat(res.status()).isEqualTo(200);
    Map<String, Object> seen = EchoServlet.SEEN.get(id);
    assertThat(seen.get(RequestAttributes.CLOUD_EVENT + "#get")).isSameAs(event);
    assertThat(seen.get(RequestAttributes.RAW_EVENT + "#get")).isSameAs(raw);
    assertThat(seen.get(RequestAttributes.PLATFORM_CONTEXT + "#get")).isSameAs(context);
    assertThat(seen.get(RequestAttributes.PLATFORM_EVENT + "#get")).isEqualTo(Boolean.TRUE);
    // getAttributeNames lists them too
    assertThat(seen)
        .containsKeys(
            RequestAttributes.CLOUD_EVENT,
            RequestAttributes.RAW_EVENT,
            RequestAttributes.PLATFORM_CONTEXT,
            RequestAttributes.PLATFORM_EVENT);
  }

  @Test
  void requestOverTheLocalConnectorReachesTheAppWithoutPlatformEventFlag() throws Exception {
    String raw =
        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    ByteBuffer response =
        app.jetty()
            .localConnector()
            .getResponse(
                ByteBuffer.wrap(raw.getBytes(StandardCharsets.US_ASCII)),
                5,
                java.util.concurrent.TimeUnit.SECONDS);
    String text = StandardCharsets.ISO_8859_1.decode(response).toString();
    assertThat(text).startsWith("HTTP/1.1 200").contains("X-Platform-Event: null");
  }
}
