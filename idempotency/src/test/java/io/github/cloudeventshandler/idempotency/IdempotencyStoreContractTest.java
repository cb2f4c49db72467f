package io.github.cloudeventshandler.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link IdempotencyStore} must do, run against the in-memory store, H2 and a real
 * PostgreSQL server: one winner among concurrent deliveries, answers kept byte for byte, expiry,
 * and no transition by an attempt whose record was taken over.
 */
class IdempotencyStoreContractTest extends RealDatabases {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void theFirstBeginStartsAndTheNextSeesItInProgress(IdempotencyStore store) {
    IdempotencyKey key = key();
    IdempotencyClaim first = claim(key, T0.plusSeconds(30));
    assertThat(store.begin(first, T0)).isEqualTo(new Attempt.Started(first));

    Attempt second = store.begin(claim(key, T0.plusSeconds(40)), T0.plusSeconds(1));
    assertThat(second).isEqualTo(new Attempt.InProgress(T0.plusSeconds(30)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void aCompletedRecordGivesBackTheAnswerByteForByte(IdempotencyStore store) {
    IdempotencyKey key = key();
    IdempotencyClaim first = claim(key, T0.plusSeconds(30));
    store.begin(first, T0);
    byte[] body = new byte[256];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i; // every byte value, NUL and 0xFF included
    }
    Headers headers =
        Headers.builder()
            .add("Content-Type", "application/octet-stream")
            .add("X-Repeated", "a")
            .add("X-Repeated", "b")
            .add("X-Text", "naïve \"quoted\" [x]")
            .build();
    StoredResponse answer = StoredResponse.of(201, headers, body);
    assertThat(store.complete(first, answer)).isTrue();

    Attempt again = store.begin(claim(key, T0.plusSeconds(40)), T0.plusSeconds(5));
    assertThat(again).isEqualTo(new Attempt.Completed(Optional.of(answer)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void anEmptyBodyAndABodyNotStoredStayDistinct(IdempotencyStore store) {
    for (byte[] body : new byte[][] {new byte[0], null}) {
      IdempotencyKey key = key();
      IdempotencyClaim c = claim(key, T0.plusSeconds(30));
      store.begin(c, T0);
      store.complete(c, StoredResponse.of(204, Headers.empty(), body));
      Attempt.Completed done =
          (Attempt.Completed) store.begin(claim(key, T0.plusSeconds(30)), T0.plusSeconds(1));
      assertThat(done.response().orElseThrow().storedBody()).isEqualTo(body);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void aReleasedRecordLetsTheNextDeliveryStart(IdempotencyStore store) {
    IdempotencyKey key = key();
    IdempotencyClaim first = claim(key, T0.plusSeconds(30));
    store.begin(first, T0);
    assertThat(store.release(first)).isTrue();
    assertThat(store.release(first)).isFalse();

    IdempotencyClaim retry = claim(key, T0.plusSeconds(60));
    assertThat(store.begin(retry, T0.plusSeconds(2))).isEqualTo(new Attempt.Started(retry));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void anExpiredInProgressRecordIsTakenOverAndItsOldOwnerCanNoLongerWriteIt(
      IdempotencyStore store) {
    IdempotencyKey key = key();
    IdempotencyClaim crashed = claim(key, T0.plusSeconds(30));
    store.begin(crashed, T0);

    // not yet expired at its deadline's last millisecond, expired at the deadline itself
    assertThat(store.begin(claim(key, T0.plusSeconds(90)), T0.plusMillis(29_999)))
        .isInstanceOf(Attempt.InProgress.class);
    IdempotencyClaim retry = claim(key, T0.plusSeconds(90));
    assertThat(store.begin(retry, T0.plusSeconds(30))).isEqualTo(new Attempt.Started(retry));

    // the first attempt wakes up late: it can neither complete nor release the retry's record
    assertThat(store.complete(crashed, StoredResponse.of(200, Headers.empty(), new byte[0])))
        .isFalse();
    assertThat(store.release(crashed)).isFalse();
    assertThat(store.begin(claim(key, T0.plusSeconds(99)), T0.plusSeconds(31)))
        .isEqualTo(new Attempt.InProgress(T0.plusSeconds(90)));
    StoredResponse answer =
        StoredResponse.of(200, Headers.empty(), "retry".getBytes(StandardCharsets.UTF_8));
    assertThat(store.complete(retry, answer)).isTrue();
    assertThat(store.begin(claim(key, T0.plusSeconds(99)), T0.plusSeconds(32)))
        .isEqualTo(new Attempt.Completed(Optional.of(answer)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void aCompletedRecordExpiresAfterItsRetention(IdempotencyStore store) {
    IdempotencyKey key = key();
    IdempotencyClaim first =
        new IdempotencyClaim(key, owner(), T0.plusSeconds(30), T0.plus(Duration.ofHours(1)));
    store.begin(first, T0);
    store.complete(first, StoredResponse.of(200, Headers.empty(), new byte[0]));

    assertThat(store.begin(claim(key, T0.plusSeconds(99)), T0.plus(Duration.ofMinutes(59))))
        .isInstanceOf(Attempt.Completed.class);
    IdempotencyClaim later = claim(key, T0.plus(Duration.ofHours(2)));
    assertThat(store.begin(later, T0.plus(Duration.ofHours(1))))
        .isEqualTo(new Attempt.Started(later));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void ofEightConcurrentBeginsExactlyOneStarts(IdempotencyStore store) throws Exception {
    int threads = 8;
    int keys = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int k = 0; k < keys; k++) {
        IdempotencyKey key = key();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Attempt>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          IdempotencyClaim c = claim(key, T0.plusSeconds(30));
          results.add(
              pool.submit(
                  () -> {
                    go.await();
                    return store.begin(c, T0);
                  }));
        }
        go.countDown();
        int started = 0;
        for (Future<Attempt> f : results) {
          Attempt a = f.get(30, TimeUnit.SECONDS);
          if (a instanceof Attempt.Started) {
            started++;
          } else {
            assertThat(a).isEqualTo(new Attempt.InProgress(T0.plusSeconds(30)));
          }
        }
        assertThat(started).as("deliveries that started " + key.describe()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void ofEightConcurrentTakeOversOfAnExpiredRecordExactlyOneStarts(IdempotencyStore store)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int k = 0; k < 20; k++) {
        IdempotencyKey key = key();
        store.begin(claim(key, T0.plusSeconds(1)), T0);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Attempt>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          IdempotencyClaim c = claim(key, T0.plusSeconds(60));
          results.add(
              pool.submit(
                  () -> {
                    go.await();
                    return store.begin(c, T0.plusSeconds(2));
                  }));
        }
        go.countDown();
        long started = 0;
        for (Future<Attempt> f : results) {
          if (f.get(30, TimeUnit.SECONDS) instanceof Attempt.Started) {
            started++;
          }
        }
        assertThat(started).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static IdempotencyKey key() {
    return new IdempotencyKey(
        "/aws.sqs", "arn:aws:sqs:eu-west-1:1:q", UUID.randomUUID().toString());
  }

  static IdempotencyClaim claim(IdempotencyKey key, Instant until) {
    return new IdempotencyClaim(key, owner(), until, T0.plus(Duration.ofHours(24)));
  }

  private static String owner() {
    return UUID.randomUUID().toString();
  }
}
