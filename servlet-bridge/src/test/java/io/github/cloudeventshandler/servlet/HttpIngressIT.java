package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.Configuration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

  @Test
  void tokenFromOutsideIsRejected() throws Exception {
    HttpResponse<String> res =
        client.send(
            request("/attributes").header("CEH-Dispatch-Token", "guess.1").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(400);
  }
}
