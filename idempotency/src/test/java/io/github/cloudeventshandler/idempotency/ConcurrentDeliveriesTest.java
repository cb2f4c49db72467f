package io.github.cloudeventshandler.idempotency;

import static io.github.cloudeventshandler.idempotency.TestEvents.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eight threads deliver the same 1,000 events twice each, interleaved so that the two deliveries of
 * an event are usually in flight at the same moment, through a real app on the real bridge: every
 * event runs exactly once, and every delivery gets the first answer or a retryable 503. On the
 * in-memory store, H2 and a real PostgreSQL server.
 */
class ConcurrentDeliveriesTest extends RealDatabases {
  private static final int EVENTS = 1000;
  private static final int THREADS = 8;

  private ServletApplication app;

  @BeforeAll
  void startApp() {
    app = TestEvents.startApp();
  }

  @AfterAll
  void stopApp() {
    app.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void eachEventRunsOnceAndEveryDeliveryGetsTheFirstAnswerOrARetryableFailure(
      IdempotencyStore store, TestInfo test) throws Exception {
    EventApp.reset();
    EventApp.filter = IdempotencyFilter.builder(store).build();
    // e0 e1 e0 e2 e1 e3 e2 …: each event's second delivery two places after its first
    List<String> order = new ArrayList<>(2 * EVENTS);
    for (int i = 0; i <= EVENTS; i++) {
      if (i < EVENTS) {
        order.add("c" + i);
      }
      if (i > 0) {
        order.add("c" + (i - 1));
      }
    }
    AppResponse[] answers = new AppResponse[order.size()];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < order.size();
                      i = next.getAndIncrement()) {
                    answers[i] = app.call(delivery(order.get(i)).build());
                  }
                }));
      }
      for (Future<?> w : workers) {
        w.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    int ran = 0;
    int replayed = 0;
    int refused = 0;
    for (int i = 0; i < order.size(); i++) {
      String event = order.get(i);
      AppResponse r = answers[i];
      String marker = r.header(IdempotencyFilter.HEADER).orElse("");
      if (r.status() == 503) {
        assertThat(marker).as(event).isEqualTo(IdempotencyFilter.IN_PROGRESS);
        assertThat(r.header("Retry-After")).as(event).isPresent();
        refused++;
        continue;
      }
      assertThat(r.status()).as(event).isEqualTo(200);
      assertThat(r.bodyText()).as(event).isEqualTo(EventApp.answers.get(event));
      if (marker.isEmpty()) {
        ran++;
      } else {
        assertThat(marker).as(event).isEqualTo(IdempotencyFilter.REPLAYED);
        replayed++;
      }
    }
    for (int i = 0; i < EVENTS; i++) {
      assertThat(EventApp.runs("c" + i)).as("runs of c" + i).isEqualTo(1);
    }
    assertThat(ran).isEqualTo(EVENTS);
    assertThat(replayed + refused).isEqualTo(EVENTS);
    System.out.printf(
        "%s: %d deliveries, %d ran, %d replayed, %d refused as in progress%n",
        test.getDisplayName(), order.size(), ran, replayed, refused);
  }
}
