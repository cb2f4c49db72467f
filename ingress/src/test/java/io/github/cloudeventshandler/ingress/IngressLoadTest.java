package io.github.cloudeventshandler.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 8 clients, each with its own connection, post binary CloudEvents to {@code /ingress/cloudevents}
 * at once; every answer must be 200 and carry its own request's id and body. {@code
 * -Dingress.load.events=10000} runs the full 8 × 10,000 (the build runs 8 × 1,000).
 */
class IngressLoadTest {
  private static final int CLIENTS = 8;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void eightClientsWithoutErrorsOrCrossTalk() throws Exception {
    int perClient = Integer.getInteger("ingress.load.events", 1000);
    Configuration c = Configuration.from(Map.of(), new Properties());
    try (ServletApplication app = ServletApplication.start(EchoServlet.class, c);
        IngressServer server =
            IngressServer.builder(c).host("127.0.0.1").port(0).application(app).start()) {
      EchoServlet.reset();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      long start = System.nanoTime();
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          int client = i;
          done.add(clients.submit(() -> run(server.port(), client, perClient)));
        }
        int ok = 0;
        for (Future<Integer> f : done) {
          ok += f.get();
        }
        assertThat(ok).isEqualTo(CLIENTS * perClient);
      } finally {
        clients.shutdownNow();
      }
      long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
      System.out.printf(
          "IngressLoadTest: %d clients x %d events, 0 errors, %d ms, %.0f events/s%n",
          CLIENTS, perClient, ms, CLIENTS * perClient * 1000.0 / Math.max(1, ms));
    }
  }

  /** One client's events, each checked against its own answer; the count of correct answers. */
  private static int run(int port, int client, int events) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    int ok = 0;
    for (int i = 0; i < events; i++) {
      String id = "c" + client + "-e" + i;
      String body = "{\"client\":" + client + ",\"n\":" + i + "}";
      Headers h =
          Headers.builder()
              .add("ce-specversion", "1.0")
              .add("ce-id", id)
              .add("ce-source", "/load/client-" + client)
              .add("ce-type", "com.example.load")
              .add("Content-Type", "application/json")
              .build();
      HttpResponse<String> r =
          Http.send(
              http, port, "POST", "/ingress/cloudevents", h, body.getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as("%s: %s", id, r.body()).isEqualTo(200);
      String expected = "/load/client-" + client + " " + id + " false\n" + body;
      assertThat(r.body()).as("answer to %s", id).isEqualTo(expected);
      ok++;
    }
    return ok;
  }
}
