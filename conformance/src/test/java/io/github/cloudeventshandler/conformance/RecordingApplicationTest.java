package io.github.cloudeventshandler.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordingApplicationTest {

  @Test
  void answersInOrderAndRepeatsTheLastAnswer() {
    RecordingApplication app = RecordingApplication.answering(200, 500);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(app.call(AppRequest.builder("POST", "/r" + i).build()).status());
    }
    assertThat(statuses).containsExactly(200, 500, 500, 500);
    assertThat(app.requests())
        .extracting(AppRequest::path)
        .containsExactly("/r0", "/r1", "/r2", "/r3");
  }

  @Test
  void readsStatusesAndResponseObjectsFromTheSidecar() {
    ConformanceCase c =
        ConformanceAssertionsTest.sidecar(
            """
            {"entryPoint": "lambda", "answers": [204, {"status": 200, "bodyJson": {"a": 1}},
              {"status": 202, "headers": {"X-A": ["1", "2"]}, "body": "text"}]}
            """);
    RecordingApplication app = RecordingApplication.forCase(c);
    assertThat(app.answers().get(0).status()).isEqualTo(204);
    assertThat(app.answers().get(1).bodyText()).isEqualTo("{\"a\":1}");
    assertThat(app.answers().get(1).contentType()).contains("application/json");
    assertThat(app.answers().get(2).headers().all("x-a")).containsExactly("1", "2");
    assertThat(app.answers().get(2).bodyText()).isEqualTo("text");
    assertThat(
            RecordingApplication.forCase(
                    ConformanceAssertionsTest.sidecar("{\"entryPoint\":\"x\"}"))
                .answers())
        .extracting(r -> r.status())
        .containsExactly(200);
    assertThatThrownBy(
            () ->
                RecordingApplication.forCase(
                    ConformanceAssertionsTest.sidecar("{\"answers\": [\"ok\"]}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test/unit/case");
  }

  @Test
  void recordsEveryRequestFromManyThreads() throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 250; i++) {
                    app.call(AppRequest.builder("POST", "/").build());
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(app.requests()).hasSize(1000);
  }
}
