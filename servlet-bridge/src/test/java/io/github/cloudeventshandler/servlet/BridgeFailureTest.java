package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One bad, hung or oversized request never harms the next one. */
class BridgeFailureTest {

  private static ServletApplication start(int maxAbandoned) {
    return ServletApplication.builder()
        .application(EchoServlet.class)
        .configuration(Configuration.builder().build())
        .maxAbandoned(maxAbandoned)
        .start();
  }

  @Test
  void aRequestJettyRefusesNeverPoisonsTheNextOne() {
    try (ServletApplication app = start(16)) {
      AppRequest bad = AppRequest.builder("GET", "/a/../../etc/passwd").build();
      AppRequest good = AppRequest.builder("POST", "/echo").body(new byte[] {7}).build();
      int failures = 0;
      for (int i = 0; i < 5_000; i++) {
        assertThatThrownBy(() -> app.call(bad))
            .isInstanceOf(BadEventException.class)
            .hasMessageContaining("/a/../../etc/passwd");
        AppResponse res = app.call(good);
        if (res.status() != 200 || res.body().length != 1 || res.body()[0] != 7) {
          failures++;
        }
      }
      assertThat(failures).isZero();
    }
  }

  @Test
  void twoHundredHungRequestsMakeTheApplicationUnhealthyAndFailFastThenItRecovers()
      throws Exception {
    EchoServlet.hang = new CountDownLatch(1);
    int bound = 16;
    try (ServletApplication app = start(bound)) {
      ExecutorService callers = Executors.newFixedThreadPool(200);
      List<Future<Object>> hung = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        hung.add(
            callers.submit(
                () -> {
                  try {
                    app.call(
                        AppRequest.builder("GET", "/hang").timeout(Duration.ofMillis(50)).build());
                    return Boolean.TRUE; // answered before its deadline (or after the release)
                  } catch (RuntimeException e) {
                    return e;
                  }
                }));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (app.isHealthy() && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(app.isHealthy()).isFalse();

      // a normal event now fails at once, saying why, instead of waiting out its budget
      long start = System.nanoTime();
      assertThatThrownBy(() -> app.call(AppRequest.builder("POST", "/echo").build()))
          .isInstanceOf(DispatchException.class)
          .hasMessageContaining("unhealthy")
          .hasMessageContaining("running past their deadline")
          .hasMessageContaining("POST /echo was not sent");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));

      EchoServlet.hang.countDown();
      int failed = 0;
      for (Future<Object> f : hung) {
        Object outcome = f.get(20, TimeUnit.SECONDS);
        // each hung request counts as failed: timed out, or refused while the instance was sick
        if (outcome != Boolean.TRUE) {
          assertThat(outcome).isInstanceOf(DispatchException.class);
          failed++;
        }
      }
      assertThat(failed).isGreaterThanOrEqualTo(bound);
      callers.shutdown();
      assertThat(app.isHealthy()).isTrue();
      assertThat(app.jetty().dispatcher().abandoned()).isZero();
      assertThat(
              app.call(AppRequest.builder("POST", "/echo").body(new byte[] {1}).build()).status())
          .isEqualTo(200);
    }
  }

  @Test
  void theDeadlineInterruptsTheRequestOnceAndTheCallersThreadComesBackClean() {
    try (ServletApplication app = start(16)) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  app.call(
                      AppRequest.builder("POST", "/slow")
                          .query("ms=60000")
                          .timeout(Duration.ofMillis(100))
                          .build()))
          .isInstanceOf(DispatchException.class)
          .hasMessageContaining("POST /slow")
          .hasMessageContaining("100 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(app.jetty().dispatcher().abandoned()).isZero();
      assertThat(app.call(AppRequest.builder("POST", "/echo").build()).status()).isEqualTo(200);
    }
  }

  @Test
  void anAnswerOverTheCapFailsClearlyAndAStatusOnlyRequestDropsTheBody() {
    try (ServletApplication app = start(16)) {
      AppRequest big =
          AppRequest.builder("GET", "/big").query("mb=8").maxResponseBytes(6 * 1024 * 1024).build();
      assertThatThrownBy(() -> app.call(big))
          .isInstanceOf(DispatchException.class)
          .hasMessageContaining("GET /big")
          .hasMessageContaining("over the 6291456 bytes");

      AppResponse statusOnly =
          app.call(
              AppRequest.builder("GET", "/big")
                  .query("mb=8")
                  .maxResponseBytes(AppRequest.STATUS_ONLY)
                  .build());
      assertThat(statusOnly.status()).isEqualTo(200);
      assertThat(statusOnly.bodyLength()).isZero();
      assertThat(statusOnly.contentType()).contains("application/octet-stream");

      AppResponse fits =
          app.call(
              AppRequest.builder("GET", "/big").query("mb=1").maxResponseBytes(1 << 20).build());
      assertThat(fits.bodyLength()).isEqualTo(1 << 20);
      // and the next request is unharmed
      assertThat(app.call(AppRequest.builder("POST", "/echo").build()).status()).isEqualTo(200);
    }
  }

  @Test
  void errorPagesNeverShowTheExceptionOrTheSendErrorMessage() {
    try (ServletApplication app = start(16)) {
      AppResponse boom = app.call(AppRequest.builder("GET", "/boom").build());
      assertThat(boom.status()).isEqualTo(500);
      assertThat(boom.bodyText())
          .doesNotContain("failed on purpose")
          .doesNotContain("IllegalStateException")
          .doesNotContain("EchoServlet")
          .contains("500");
      AppResponse secret = app.call(AppRequest.builder("GET", "/secret").build());
      assertThat(secret.status()).isEqualTo(500);
      assertThat(secret.bodyText()).doesNotContain("hunter2").contains("Server Error");
      for (String accept : List.of("application/json", "text/plain", "text/html")) {
        AppResponse r =
            app.call(AppRequest.builder("GET", "/boom").header("Accept", accept).build());
        assertThat(r.bodyText()).as(accept).doesNotContain("purpose").doesNotContain("Exception");
      }
    }
  }
}
