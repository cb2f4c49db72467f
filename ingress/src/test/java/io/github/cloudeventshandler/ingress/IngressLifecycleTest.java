package io.github.cloudeventshandler.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Readiness, the concurrency bound and draining, through real HTTP on loopback. */
@Timeout(60)
class IngressLifecycleTest {
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void reset() {
    EchoServlet.reset();
  }

  @AfterEach
  void close() throws Exception {
    EchoServlet.release.countDown();
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private static Configuration settings(Map<String, String> s) {
    return Configuration.from(s, new Properties());
  }

  private ServletApplication app(Configuration c) {
    ServletApplication app = ServletApplication.start(EchoServlet.class, c);
    closing.add(app);
    return app;
  }

  private IngressServer server(Configuration c, CompletableFuture<ServletApplication> app) {
    IngressServer s = IngressServer.builder(c).host("127.0.0.1").port(0).application(app).start();
    closing.add(s);
    return s;
  }

  private static CompletableFuture<HttpResponse<String>> async(int port, String path) {
    return Http.CLIENT.sendAsync(
        Http.request(port, "POST", path, Headers.empty(), "x".getBytes(StandardCharsets.UTF_8)),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void notReadyWhileTheApplicationStarts() {
    Configuration c = settings(Map.of(IngressSettings.RETRY_AFTER_SECONDS, "3"));
    CompletableFuture<ServletApplication> starting = new CompletableFuture<>();
    IngressServer s = server(c, starting);

    HttpResponse<String> ready = Http.get(s.port(), IngressServer.READY);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("starting");
    assertThat(Http.get(s.port(), IngressServer.LIVE).statusCode()).isEqualTo(200);
    HttpResponse<String> early = Http.get(s.port(), "/books");
    assertThat(early.statusCode()).isEqualTo(503);
    assertThat(early.headers().firstValue("Retry-After")).contains("3");

    starting.complete(app(c));
    assertThat(Http.get(s.port(), IngressServer.READY).statusCode()).isEqualTo(200);
    assertThat(Http.get(s.port(), "/books").statusCode()).isEqualTo(200);
  }

  @Test
  void anApplicationThatFailedToStartIsNeitherLiveNorReady() {
    CompletableFuture<ServletApplication> starting = new CompletableFuture<>();
    IngressServer s = server(settings(Map.of()), starting);
    starting.completeExceptionally(new IllegalStateException("no database"));
    assertThat(Http.get(s.port(), IngressServer.LIVE).statusCode()).isEqualTo(503);
    assertThat(Http.get(s.port(), IngressServer.READY).body()).contains("failed to start");
  }

  @Test
  void notReadyWhileTheBridgeIsUnhealthy() throws Exception {
    // one request the application keeps past its deadline (it ignores the interrupt) is enough
    Configuration c = settings(Map.of("CEH_MAX_ABANDONED_REQUESTS", "1", "CEH_TIMEOUT_MS", "200"));
    IngressServer s = server(c, CompletableFuture.completedFuture(app(c)));
    CompletableFuture<HttpResponse<String>> stuck = async(s.port(), "/stuck");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (s.isReady() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    HttpResponse<String> ready = Http.get(s.port(), IngressServer.READY);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("unhealthy");

    EchoServlet.release.countDown();
    stuck.get(20, TimeUnit.SECONDS);
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!s.isReady() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(Http.get(s.port(), IngressServer.READY).statusCode()).isEqualTo(200);
  }

  @Test
  void beyondTheBoundA503WithRetryAfter() throws Exception {
    Configuration c = settings(Map.of(IngressSettings.MAX_CONCURRENCY, "2"));
    IngressServer s = server(c, CompletableFuture.completedFuture(app(c)));
    List<CompletableFuture<HttpResponse<String>>> held =
        List.of(async(s.port(), "/hold"), async(s.port(), "/hold"));
    assertThat(EchoServlet.held.tryAcquire(2, 20, TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> third = Http.get(s.port(), "/books");
    assertThat(third.statusCode()).isEqualTo(503);
    assertThat(third.headers().firstValue("Retry-After")).contains("1");
    // the probes are not counted
    assertThat(Http.get(s.port(), IngressServer.READY).statusCode()).isEqualTo(200);

    EchoServlet.release.countDown();
    for (CompletableFuture<HttpResponse<String>> r : held) {
      assertThat(r.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(Http.get(s.port(), "/books").statusCode()).isEqualTo(200);
  }

  @Test
  void drainingLosesNoRequestInFlight() throws Exception {
    Configuration c =
        settings(
            Map.of(
                IngressSettings.SHUTDOWN_TIMEOUT_MS, "20000",
                IngressSettings.DRAIN_DELAY_MS, "200"));
    IngressServer s = server(c, CompletableFuture.completedFuture(app(c)));
    int n = 16;
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      inFlight.add(async(s.port(), "/hold"));
    }
    assertThat(EchoServlet.held.tryAcquire(n, 20, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closed = CompletableFuture.runAsync(s::close);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (s.isReady() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(s.isReady()).isFalse(); // draining: the load balancer stops sending
    Thread.sleep(500); // past the drain delay: the listener is closed, the requests still run
    assertThat(closed).isNotDone();
    EchoServlet.release.countDown();

    closed.get(30, TimeUnit.SECONDS);
    for (CompletableFuture<HttpResponse<String>> r : inFlight) {
      HttpResponse<String> answer = r.get(1, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).startsWith("/hold");
    }
    assertThat(EchoServlet.SEEN).hasSize(n);
    // stopped: nothing listens any more
    assertThatThrownBy(() -> Http.get(s.port(), "/books")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(
            () -> IngressServer.builder(settings(Map.of(IngressSettings.MAX_CONCURRENCY, "0"))))
        .hasMessageContaining("CEH_INGRESS_MAX_CONCURRENCY must be between 1 and 100000, not 0");
    assertThatThrownBy(
            () ->
                IngressServer.builder(settings(Map.of()))
                    .environment(Map.of(IngressSettings.PLATFORM_PORT, "http")))
        .hasMessageContaining("PORT must be a whole number, not 'http'");
    assertThat(
            IngressSettings.from(
                    settings(Map.of(IngressSettings.PORT, "9000")),
                    Map.of(IngressSettings.PLATFORM_PORT, "8081"))
                .port())
        .isEqualTo(9000);
    assertThat(IngressSettings.from(settings(Map.of()), Map.of()).shutdownTimeout())
        .isEqualTo(Duration.ofSeconds(9));
  }
}
