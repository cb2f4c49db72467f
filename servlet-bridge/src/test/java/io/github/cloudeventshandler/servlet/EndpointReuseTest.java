package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Endpoints are reused, counted twice: by the bridge's pool and by a Jetty connection listener on
 * the {@code LocalConnector} (every HTTP connection Jetty opens).
 */
class EndpointReuseTest {
  private static final int MAX_IDLE = 32;
  private ServletApplication app;
  private final AtomicInteger jettyOpened = new AtomicInteger();

  @BeforeEach
  void start() {
    app =
        ServletApplication.builder()
            .application(EchoServlet.class)
            .configuration(Configuration.builder().build())
            .maxIdleEndpoints(MAX_IDLE)
            .start();
    app.jetty()
        .localConnector()
        .addEventListener(
            new Connection.Listener() {
              @Override
              public void onOpened(Connection connection) {
                jettyOpened.incrementAndGet();
              }
            });
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private static AppRequest request(String id) {
    return AppRequest.builder("POST", "/echo")
        .header("ce-id", id)
        .body(("body of " + id).getBytes(StandardCharsets.UTF_8))
        .build();
  }

  @Test
  void thousandSequentialRequestsUseOneEndpoint() {
    for (int i = 0; i < 1000; i++) {
      AppResponse res = app.call(request("seq-" + i));
      assertThat(res.bodyText()).isEqualTo("body of seq-" + i);
    }
    assertThat(app.jetty().pool().opened()).isEqualTo(1).isLessThanOrEqualTo(MAX_IDLE);
    assertThat(jettyOpened.get()).isEqualTo(1);
    assertThat(app.jetty().localConnector().getConnectedEndPoints()).hasSize(1);
  }

  @Test
  void endpointClosedByTheAppIsReplaced() {
    app.call(request("first"));
    app.call(AppRequest.builder("GET", "/close").build());
    app.call(request("second"));
    assertThat(app.jetty().pool().opened()).isEqualTo(2);
    assertThat(jettyOpened.get()).isEqualTo(2);
  }

  @Test
  void concurrentCallersGetTheirOwnResponsesAndEndpointsAreBoundedByThreadCount() throws Exception {
    int threads = 32;
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < perThread; i++) {
                    String id = "t" + thread + "-r" + i;
                    AppResponse res = app.call(request(id));
                    if (res.status() == 200
                        && res.bodyText().equals("body of " + id)
                        && res.header("X-Ce-Id").orElse("").equals(id)) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      int ok = 0;
      for (Future<Integer> f : results) {
        ok += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(ok).isEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
    assertThat(app.jetty().pool().opened()).isLessThanOrEqualTo(threads);
    assertThat(jettyOpened.get()).isLessThanOrEqualTo(threads);
    assertThat(app.jetty().attributes().pendingCount()).isZero();
  }
}
