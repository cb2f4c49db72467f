package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The optional HTTP ingress: the same application on a real loopback port. */
class HttpIngressIT {
  private static ServletApplication app;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    app =
        ServletApplication.builder()
            .application(EchoServlet.class)
            .configuration(Configuration.builder().build())
            .httpPort(0)
            .start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
        .timeout(Duration.ofSeconds(10));
  }

  @Test
  void servesTheApplicationOnLoopbackWithoutBridgeAttributes() throws Exception {
    assertThat(app.httpPort()).isPositive();
    HttpResponse<String> res =
        client.send(
            request("/aws.s3").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("hello");
    assertThat(res.headers().firstValue("X-Platform-Event")).contains("null");
    assertThat(res.headers().firstValue("Server")).isEmpty();
    // the in-process path works beside it
    assertThat(app.call(AppRequest.builder("GET", "/echo").build()).status()).isEqualTo(200);
  }

  /** The status line Jetty answers to a raw request from a socket. */
  private static String rawStatus(String target, String extraHeaders) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", app.httpPort())) {
      socket.setSoTimeout(10_000);
      String request =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: localhost\r\n"
              + extraHeaders
              + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      return String.valueOf(in.readLine());
    }
  }

  /**
   * The in-process checks agree with Jetty itself: every target Jetty refuses from a socket is a
   * BadEventException in-process, and every target it accepts is dispatched.
   */
  @Test
  void inProcessRefusesExactlyTheTargetsJettyRefuses() throws Exception {
    List<String> targets =
        List.of(
            "/echo",
            "/a/../../etc/passwd",
            "/a/./b",
            "/a/../b",
            "/a/%2e%2e/b",
            "/a%2Fb",
            "/a%2fb",
            "/a%25b",
            "/a%2525",
            "/a%5Cb",
            "/a%00b",
            "/a;b/c",
            "/a/b;jsessionid=1",
            "/%2e%2e/x",
            "/a//b",
            "/a%zz",
            "/a%",
            "/%C3%A9t%C3%A9",
            "/x?q=%2F&r=%25",
            "/x?q=a/../b");
    for (String target : targets) {
      String overSocket = rawStatus(target, "");
      int q = target.indexOf('?');
      AppRequest request =
          AppRequest.builder("GET", q < 0 ? target : target.substring(0, q))
              .query(q < 0 ? null : target.substring(q + 1))
              .build();
      boolean refusedInProcess;
      try {
        app.call(request);
        refusedInProcess = false;
      } catch (BadEventException e) {
        refusedInProcess = true;
      }
      assertThat(refusedInProcess)
          .as(target + " over a socket: " + overSocket)
          .isEqualTo(overSocket.startsWith("HTTP/1.1 400"));
    }
  }

  @Test
  void headerSectionOverTheLimitIsRefusedBothWays() throws Exception {
    String huge = "x".repeat(70 * 1024);
    assertThat(rawStatus("/echo", "X-Big: " + huge + "\r\n")).startsWith("HTTP/1.1 431");
    assertThatThrownBy(
            () -> app.call(AppRequest.builder("GET", "/echo").header("X-Big", huge).build()))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("over the limit of 65536");
    String fits = "x".repeat(30 * 1024);
    assertThat(rawStatus("/echo", "X-Big: " + fits + "\r\n")).startsWith("HTTP/1.1 200");
    assertThat(app.call(AppRequest.builder("GET", "/echo").header("X-Big", fits).build()).status())
        .isEqualTo(200);
  }

  @Test
  void errorPagesOverTheIngressAreGeneric() throws Exception {
    HttpResponse<String> boom =
        client.send(request("/boom").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(boom.body()).doesNotContain("purpose").doesNotContain("Exception");
    assertThat(boom.headers().firstValue("Server")).isEmpty();
    HttpResponse<String> secret =
        client.send(request("/secret").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(secret.body()).doesNotContain("hunter2");
    assertThat(rawStatus("/a%2Fb", "")).startsWith("HTTP/1.1 400");
  }
}
