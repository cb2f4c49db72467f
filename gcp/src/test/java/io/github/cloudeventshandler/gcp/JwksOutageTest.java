package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.sun.net.httpserver.HttpServer;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue class 8: a JWKS endpoint that is slow or down makes every waiting push a retryable 503 (the
 * message stays in Pub/Sub), never a 401, and concurrent pushes share one fetch. The keys are
 * served over HTTP on loopback by a JDK server whose delay and status the test sets; pushes go
 * through {@link HttpEntryPoint} into a real servlet on the bridge.
 */
class JwksOutageTest {
  private static final String PUSH =
      "{\"message\":{\"data\":\"aGk=\",\"messageId\":\"m-%d\"},"
          + "\"subscription\":\"projects/p/subscriptions/s\"}";

  private HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile long delayMillis;
  private volatile int status = 200;

  @BeforeEach
  void start() throws Exception {
    BridgedApp.reset();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/certs",
        exchange -> {
          fetches.incrementAndGet();
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = TestTokens.PUBLISHED.toString(true).getBytes(UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /**
   * A short HTTP timeout, for tests that need the key set fetch to fail: 300 ms, far below the
   * server's delay, so load on the machine can only make the failure later, never a success.
   */
  private static final int FAILING_TIMEOUT_MILLIS = 300;

  /**
   * A generous HTTP timeout and wait, for tests in which the fetch must succeed: a loaded machine
   * (a 2-core CI runner running other builds) can take far longer than 300 ms to answer on
   * loopback, and a timeout there would turn the 401 or 204 the test proves into a 503.
   */
  private static final int HEALTHY_TIMEOUT_MILLIS = 20_000;

  /** An authenticator over the loopback JWKS with these HTTP timeouts and push wait. */
  private PushAuthenticator authenticator(int httpTimeoutMillis, Duration maxWait)
      throws Exception {
    return PushAuthenticator.builder()
        .audience(TestTokens.AUDIENCE)
        .serviceAccountEmail(TestTokens.ACCOUNT)
        .keySetCache(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/certs").toURL(),
            new DefaultResourceRetriever(httpTimeoutMillis, httpTimeoutMillis, 50 * 1024),
            maxWait)
        .build();
  }

  /** Ten pushes at once, each with a genuine token; their statuses. */
  private static List<Integer> tenAtOnce(HttpEntryPoint function) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int k = i;
      results.add(
          pool.submit(
              () -> {
                go.await();
                LocalGcpHttpResponse r = new LocalGcpHttpResponse();
                function.service(
                    LocalGcpHttpRequest.post("/", String.format(PUSH, k).getBytes(UTF_8))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestTokens.tokenValidNow()),
                    r);
                return r.status();
              }));
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : results) {
      statuses.add(f.get());
    }
    return statuses;
  }

  /** The entry point with a key set fetch that fails on a slow server (300 ms, waits of 1 s). */
  private HttpEntryPoint failingFunction() throws Exception {
    return function(authenticator(FAILING_TIMEOUT_MILLIS, Duration.ofSeconds(1)));
  }

  /** The entry point with a key set fetch that succeeds however loaded the machine is. */
  private HttpEntryPoint healthyFunction() throws Exception {
    return function(
        authenticator(HEALTHY_TIMEOUT_MILLIS, Duration.ofMillis(HEALTHY_TIMEOUT_MILLIS)));
  }

  private static HttpEntryPoint function(PushAuthenticator authenticator) {
    return new HttpEntryPoint(Configuration.builder().build(), BridgedApp.app(), authenticator);
  }

  @Test
  void aSlowKeySetMakesEveryWaitingPushRetryableAndIsFetchedOnce() throws Exception {
    delayMillis = 3_000; // ten times the 300 ms read timeout
    List<Integer> statuses = tenAtOnce(failingFunction());
    assertThat(statuses).containsOnly(503);
    assertThat(fetches.get()).isEqualTo(1);
    assertThat(BridgedApp.SEEN).isEmpty();
  }

  @Test
  void aKeySetThatAnswersAnErrorMakesPushesRetryable() throws Exception {
    status = 500;
    List<Integer> statuses = tenAtOnce(failingFunction());
    assertThat(statuses).containsOnly(503);
    assertThat(fetches.get()).isEqualTo(1);
    assertThat(BridgedApp.SEEN).isEmpty();
  }

  @Test
  void aKeySetThatIsSlowButInTimeServesEveryWaitingPushFromOneFetch() throws Exception {
    // slow enough that the pushes arrive while the one fetch is under way and wait for it
    delayMillis = 300;
    List<Integer> statuses = tenAtOnce(healthyFunction());
    assertThat(statuses).containsOnly(204);
    assertThat(fetches.get()).isEqualTo(1);
    assertThat(BridgedApp.SEEN).hasSize(10).allMatch(BridgedApp.Seen::platformEvent);
  }

  @Test
  void aKeyIdMissingFromAHealthyKeySetIsA401AndRefreshesAreRateLimited() throws Exception {
    HttpEntryPoint function = healthyFunction();
    for (int i = 0; i < 5; i++) {
      LocalGcpHttpResponse r = new LocalGcpHttpResponse();
      function.service(
          LocalGcpHttpRequest.post("/", String.format(PUSH, i).getBytes(UTF_8))
              .header("Content-Type", "application/json")
              .header(
                  "Authorization",
                  "Bearer "
                      + TestTokens.sign(
                          TestTokens.KEY,
                          TestTokens.rs256("k-unknown-" + i),
                          TestTokens.claimsNow())),
          r);
      assertThat(r.status()).isEqualTo(401);
    }
    assertThat(fetches.get()).isEqualTo(1); // the first fetch; the next refresh waits 30 s
    assertThat(BridgedApp.SEEN).isEmpty();
  }
}
