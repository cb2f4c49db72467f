package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GCP runs many requests in one instance: events of three kinds from several threads through one
 * {@link HttpEntryPoint} into a real servlet on the bridge's embedded Jetty; every response must be
 * the one for its own request.
 */
class ConcurrentDeliveryTest {
  private static ServletApplication bridge;

  /** Echoes what it saw; fails events whose id ends in {@code -fail}. */
  public static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String body = new String(req.getInputStream().readAllBytes(), UTF_8);
      String id = req.getHeader("ce-id");
      resp.setStatus(id != null && id.endsWith("-fail") ? 500 : 200);
      resp.setContentType("text/plain");
      resp.setHeader("X-Echo", req.getMethod() + " " + req.getRequestURI());
      resp.getWriter().write((id == null ? "-" : id) + "|" + body);
    }
  }

  @BeforeAll
  static void start() {
    bridge = ServletApplication.start(EchoServlet.class, Configuration.builder().build());
  }

  @AfterAll
  static void stop() {
    bridge.close();
  }

  @Test
  void eachResponseMatchesItsRequest() throws Exception {
    HttpEntryPoint function =
        new HttpEntryPoint(
            Configuration.builder().setting("CEH_PUBSUB_AUTH", "off").build(), bridge);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<String>> results = new ArrayList<>();
    int n = 90;
    for (int i = 0; i < n; i++) {
      int k = i;
      results.add(pool.submit(() -> exchange(function, k)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    for (Future<String> f : results) {
      assertThat(f.get()).isEqualTo("ok");
    }
  }

  /** One request of kind {@code k % 3}; "ok" when its response is its own. */
  private static String exchange(HttpEntryPoint function, int k) throws Exception {
    LocalGcpHttpResponse r = new LocalGcpHttpResponse();
    switch (k % 3) {
      case 0 -> {
        String id = "ce-" + k + (k % 2 == 0 ? "" : "-fail");
        String body = "{\"bucket\":\"bkt\",\"name\":\"f" + k + "\"}";
        function.service(
            LocalGcpHttpRequest.post("/", body.getBytes(UTF_8))
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "//storage.googleapis.com/projects/_/buckets/bkt")
                .header("ce-type", "google.cloud.storage.object.v1.finalized")
                .header("ce-subject", "objects/f" + k)
                .header("Content-Type", "application/json"),
            r);
        return check(
            k,
            r.status() == (id.endsWith("-fail") ? 500 : 200)
                && r.bodyText().equals(id + "|" + body)
                && r.getHeaders().get("X-Echo").equals(List.of("POST /google.cloud.storage")));
      }
      case 1 -> {
        String id = "m-" + k + (k % 2 == 0 ? "-fail" : "");
        String data = Base64.getEncoder().encodeToString(("payload " + k).getBytes(UTF_8));
        String push =
            "{\"message\":{\"data\":\""
                + data
                + "\",\"messageId\":\""
                + id
                + "\"},\"subscription\":\"projects/p/subscriptions/s\"}";
        function.service(
            LocalGcpHttpRequest.post("/", push.getBytes(UTF_8))
                .header("Content-Type", "application/json"),
            r);
        return check(k, r.status() == (id.endsWith("-fail") ? 503 : 204));
      }
      default -> {
        String path = "/books/" + k;
        function.service(
            LocalGcpHttpRequest.request("PUT", path).query("n=" + k).body("title " + k), r);
        return check(
            k,
            r.status() == 200
                && r.bodyText().equals("-|title " + k)
                && r.getHeaders().get("X-Echo").equals(List.of("PUT " + path)));
      }
    }
  }

  private static String check(int k, boolean ok) {
    return ok ? "ok" : "request " + k + " got another response";
  }
}
