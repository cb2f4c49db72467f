package io.github.cloudeventshandler.idempotency;

import static io.github.cloudeventshandler.idempotency.TestEvents.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter in a real app on the real bridge, with the in-memory store and a clock the test moves:
 * replay, failure and retry, in-progress duplicates, expiry, plain HTTP, body cap, keys from
 * headers and from a body field, writer and async answers.
 */
class IdempotencyFilterTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static ServletApplication app;

  private final TestEvents.MutableClock clock = new TestEvents.MutableClock(T0);
  private InMemoryIdempotencyStore store;

  @BeforeAll
  static void start() {
    app = TestEvents.startApp();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void freshStore() {
    EventApp.reset();
    store = new InMemoryIdempotencyStore();
    use(IdempotencyFilter.builder(store).clock(clock));
  }

  private static void use(IdempotencyFilter.Builder b) {
    EventApp.filter = b.build();
  }

  @Test
  void aDuplicateGetsTheFirstAnswerReplayedWithoutRunningTheApp() {
    AppResponse first = app.call(delivery("e1").header("X-Status", "201").build());
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header(IdempotencyFilter.HEADER)).isEmpty();

    AppResponse second = app.call(delivery("e1").build());

    assertThat(EventApp.runs("e1")).isEqualTo(1);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.bodyText()).isEqualTo(first.bodyText()).contains("\"claim\":true");
    assertThat(second.header("X-Execution")).isEqualTo(first.header("X-Execution")).isPresent();
    assertThat(second.headers().all("X-Repeated")).containsExactly("one", "two");
    assertThat(second.contentType()).isEqualTo(first.contentType());
    assertThat(second.header(IdempotencyFilter.HEADER)).contains(IdempotencyFilter.REPLAYED);
    assertThat(first.headers().all("Set-Cookie")).isNotEmpty();
    assertThat(second.headers().all("Set-Cookie")).as("cookies are not replayed").isEmpty();
  }

  @Test
  void aFailedFirstAttemptIsRetriedNotReplayed() {
    assertThat(app.call(delivery("e2").header("X-Status", "500").build()).status()).isEqualTo(500);
    assertThat(app.call(delivery("e2").header("X-Status", "409").build()).status()).isEqualTo(409);
    assertThat(store.size()).as("nothing kept of failed attempts").isZero();

    AppResponse retry = app.call(delivery("e2").build());
    assertThat(retry.status()).isEqualTo(200);
    assertThat(app.call(delivery("e2").header("X-Status", "500").build()).bodyText())
        .isEqualTo(retry.bodyText());
    assertThat(EventApp.runs("e2")).isEqualTo(3);
  }

  @Test
  void anExceptionFromTheAppLetsTheRetryRun() {
    assertThat(app.call(delivery("e3").header("X-Throw", "1").build()).status()).isEqualTo(500);
    assertThat(app.call(delivery("e3").build()).status()).isEqualTo(200);
    assertThat(EventApp.runs("e3")).isEqualTo(2);
  }

  @Test
  void aDuplicateOfAnEventInProgressGetsARetryable503AndNeverASecondRun() throws Exception {
    CountDownLatch release = block("slow");
    CompletableFuture<AppResponse> first =
        CompletableFuture.supplyAsync(
            () -> app.call(delivery("e4").header("X-Block", "slow").build()));
    awaitEntered("slow");

    AppResponse busy = app.call(delivery("e4").build());

    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.header(IdempotencyFilter.HEADER)).contains(IdempotencyFilter.IN_PROGRESS);
    assertThat(busy.header("Retry-After")).isPresent();
    assertThat(Long.parseLong(busy.header("Retry-After").orElseThrow())).isBetween(1L, 300L);
    assertThat(busy.bodyText()).contains("\"error\":\"in-progress\"").contains("ce-e4");
    release.countDown();
    AppResponse done = first.get(20, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(200);
    assertThat(app.call(delivery("e4").build()).bodyText()).isEqualTo(done.bodyText());
    assertThat(EventApp.runs("e4")).isEqualTo(1);
  }

  @Test
  void withAWaitADuplicateWaitsForTheFirstAndGetsItsAnswer() throws Exception {
    use(IdempotencyFilter.builder(store).waitForInProgress(Duration.ofSeconds(10)));
    CountDownLatch release = block("slow");
    CompletableFuture<AppResponse> first =
        CompletableFuture.supplyAsync(
            () -> app.call(delivery("e5").header("X-Block", "slow").build()));
    awaitEntered("slow");
    CompletableFuture<AppResponse> second =
        CompletableFuture.supplyAsync(() -> app.call(delivery("e5").build()));
    Thread.sleep(100);
    assertThat(second).as("waits while the first runs").isNotDone();

    release.countDown();

    AppResponse a = first.get(20, TimeUnit.SECONDS);
    AppResponse b = second.get(20, TimeUnit.SECONDS);
    assertThat(b.status()).isEqualTo(200);
    assertThat(b.bodyText()).isEqualTo(a.bodyText());
    assertThat(b.header(IdempotencyFilter.HEADER)).contains(IdempotencyFilter.REPLAYED);
    assertThat(EventApp.runs("e5")).isEqualTo(1);
  }

  @Test
  void anAttemptThatOutlivesItsDeadlineLetsTheRetryRunAndCannotOverwriteIt() throws Exception {
    // the platform gives the first attempt 30 s (DEADLINE); it hangs past the bridge's timeout
    CountDownLatch release = block("hung");
    AppRequest hung =
        delivery("e6")
            .header("X-Block", "hung")
            .attribute(RequestAttributes.DEADLINE, T0.plusSeconds(30))
            .timeout(Duration.ofMillis(300))
            .build();
    // the bridge runs the request on the caller's thread: the platform's invocation thread stays
    // with the hung application, so the attempt runs on its own thread here
    CompletableFuture<AppResponse> attempt = CompletableFuture.supplyAsync(() -> app.call(hung));
    awaitEntered("hung");
    Thread.sleep(400); // past the attempt's 300 ms: the bridge has given up on it

    clock.advance(Duration.ofSeconds(29));
    assertThat(app.call(delivery("e6").build()).status()).as("still in progress").isEqualTo(503);
    clock.advance(Duration.ofSeconds(1));
    AppResponse retry = app.call(delivery("e6").build());
    assertThat(retry.status()).as("the deadline passed: the retry runs").isEqualTo(200);
    assertThat(EventApp.runs("e6")).isEqualTo(2);

    release.countDown(); // the first attempt finishes late; its answer is not stored
    assertThatThrownBy(() -> attempt.get(20, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DispatchException.class);
    assertThat(app.call(delivery("e6").build()).bodyText()).isEqualTo(retry.bodyText());
  }

  @Test
  void withoutADeadlineTheInProgressRecordLastsTheConfiguredTimeout() throws Exception {
    use(IdempotencyFilter.builder(store).clock(clock).inProgressTimeout(Duration.ofSeconds(42)));
    CountDownLatch release = block("slow");
    CompletableFuture<AppResponse> first =
        CompletableFuture.supplyAsync(
            () -> app.call(delivery("e7").header("X-Block", "slow").build()));
    awaitEntered("slow");

    AppResponse busy = app.call(delivery("e7").build());

    assertThat(JsonParser.parseString(busy.bodyText()).getAsJsonObject().get("until").getAsString())
        .isEqualTo(T0.plusSeconds(42).toString());
    assertThat(busy.header("Retry-After")).contains("43");
    release.countDown();
    first.get(20, TimeUnit.SECONDS);
  }

  @Test
  void completedRecordsExpireAfterTheRetention() {
    use(IdempotencyFilter.builder(store).clock(clock).retention(Duration.ofHours(1)));
    app.call(delivery("e8").build());
    clock.advance(Duration.ofMinutes(59));
    app.call(delivery("e8").build());
    assertThat(EventApp.runs("e8")).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    app.call(delivery("e8").build());
    assertThat(EventApp.runs("e8")).isEqualTo(2);
  }

  @Test
  void plainHttpRequestsPassThroughAndAreNeverStored() {
    AppRequest plain =
        AppRequest.builder("POST", TestEvents.ROUTE)
            .header("X-Event", "plain")
            .header("Content-Type", "application/json")
            .body("{}".getBytes(StandardCharsets.UTF_8))
            .build();
    AppResponse a = app.call(plain);
    AppResponse b = app.call(plain);
    assertThat(EventApp.runs("plain")).isEqualTo(2);
    assertThat(a.bodyText()).isNotEqualTo(b.bodyText()).contains("\"claim\":false");
    assertThat(b.header(IdempotencyFilter.HEADER)).isEmpty();
    assertThat(store.size()).isZero();
    // a request with only some ce-* headers is not a CloudEvent either
    app.call(plain.toBuilder().header("ce-id", "x").build());
    assertThat(store.size()).isZero();
  }

  @Test
  void theCeHeadersAloneGiveTheSameKeyAsTheBridgesAttribute() {
    AppResponse first = app.call(delivery("e9").build());
    AppRequest.Builder headersOnly =
        AppRequest.builder("POST", TestEvents.ROUTE)
            .header("ce-specversion", "1.0")
            .header("ce-id", "ce-e9")
            .header("ce-source", TestEvents.SOURCE)
            .header("ce-type", "com.example.order.created")
            .header("X-Event", "e9");
    assertThat(app.call(headersOnly.build()).bodyText()).isEqualTo(first.bodyText());
    assertThat(app.call(delivery("e9", "ce-other").build()).bodyText())
        .as("another id is another event")
        .isNotEqualTo(first.bodyText());
    assertThat(EventApp.runs("e9")).isEqualTo(2);
  }

  @Test
  void anIdTooLongForItsHeaderGivesTheSameKeyFromTheAttributeAndFromTheTruncatedHeader() {
    String longId = "id-" + "x".repeat(6000) + " é";
    AppResponse first = app.call(delivery("long", longId).build());
    // what the bridge writes into ce-id for this id: percent-encoded, cut to the header limit
    String written = CloudEventHeaders.headerValue(longId);
    assertThat(written).hasSizeLessThan(longId.length());
    AppRequest.Builder headersOnly =
        AppRequest.builder("POST", TestEvents.ROUTE)
            .header("ce-specversion", "1.0")
            .header("ce-id", written)
            .header("ce-source", TestEvents.SOURCE)
            .header("ce-type", "com.example.order.created")
            .header("X-Event", "long");
    assertThat(app.call(headersOnly.build()).bodyText()).isEqualTo(first.bodyText());
    assertThat(EventApp.runs("long")).isEqualTo(1);
  }

  @Test
  void anAnswerOverTheCapIsReplayedAsStatusAndHeadersOnly() {
    use(IdempotencyFilter.builder(store).clock(clock).maxStoredBodyBytes(1000));
    AppResponse small = app.call(delivery("small").header("X-Body-Bytes", "1000").build());
    AppResponse big = app.call(delivery("big").header("X-Body-Bytes", "1001").build());
    assertThat(big.bodyLength()).isEqualTo(1001);

    AppResponse smallAgain = app.call(delivery("small").build());
    AppResponse bigAgain = app.call(delivery("big").build());

    assertThat(smallAgain.body()).isEqualTo(small.body());
    assertThat(smallAgain.header(IdempotencyFilter.HEADER)).contains(IdempotencyFilter.REPLAYED);
    assertThat(bigAgain.status()).isEqualTo(200);
    assertThat(bigAgain.bodyLength()).isZero();
    assertThat(bigAgain.header("X-Execution")).isEqualTo(big.header("X-Execution"));
    assertThat(bigAgain.header(IdempotencyFilter.HEADER))
        .contains(IdempotencyFilter.REPLAYED_WITHOUT_BODY);
    assertThat(EventApp.runs("big")).isEqualTo(1);
  }

  @Test
  void aKeyFromABodyFieldIgnoresIdsThatChangeOnRedelivery() {
    use(IdempotencyFilter.builder(store).clock(clock).keyFromBodyField("/order/number"));
    AppRequest firstDelivery = delivery("o1", "message-1").build();
    AppResponse first = app.call(firstDelivery);
    // the filter read the body for the key; the app still reads all of it
    assertThat(first.bodyText()).contains("\"bodyBytes\":" + firstDelivery.bodyLength() + ",");

    AppResponse resent = app.call(delivery("o1", "message-2").build());

    assertThat(resent.bodyText()).isEqualTo(first.bodyText());
    assertThat(EventApp.runs("o1")).isEqualTo(1);
    app.call(delivery("o2", "message-3").build());
    assertThat(EventApp.runs("o2")).isEqualTo(1);
  }

  @Test
  void anEventWithoutTheBodyFieldIsRefusedWith400AndTheAppDoesNotRun() {
    use(IdempotencyFilter.builder(store).clock(clock).keyFromBodyField("/order/id"));
    AppResponse refused = app.call(delivery("o3").build());
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header(IdempotencyFilter.HEADER)).contains(IdempotencyFilter.NO_KEY);
    assertThat(refused.bodyText()).contains("missing-field").contains("/order/id");
    AppResponse notJson = app.call(delivery("o3").body(new byte[] {'{'}).build());
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(EventApp.runs("o3")).isZero();
    // plain HTTP still passes untouched
    app.call(AppRequest.builder("POST", TestEvents.ROUTE).header("X-Event", "o3").build());
    assertThat(EventApp.runs("o3")).isEqualTo(1);
  }

  @Test
  void anAnswerWrittenThroughTheWriterIsStoredWithoutTheAppFlushingIt() {
    AppResponse first = app.call(delivery("w1").header("X-Writer", "1").build());
    assertThat(first.bodyText()).startsWith("Grüße 🌍 ");
    AppResponse again = app.call(delivery("w1").build());
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.contentType()).isEqualTo(first.contentType());
  }

  @Test
  void anAsyncAnswerIsStoredWhenTheAppCompletesIt() {
    AppResponse first = app.call(delivery("a1").header("X-Async", "1").build());
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.bodyText()).contains("\"event\":\"a1\"");
    AppResponse again = app.call(delivery("a1").build());
    assertThat(again.bodyText()).isEqualTo(first.bodyText());
    assertThat(again.header(IdempotencyFilter.HEADER)).contains(IdempotencyFilter.REPLAYED);
    assertThat(EventApp.runs("a1")).isEqualTo(1);
  }

  @Test
  void theBuilderRefusesNonsense() {
    var b = IdempotencyFilter.builder(store);
    assertThatThrownBy(() -> b.retention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.inProgressTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxStoredBodyBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.waitForInProgress(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.keyFromBodyField("order/id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts with '/'");
    assertThatThrownBy(() -> b.keyFromBodyField("/a~2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static CountDownLatch block(String name) {
    CountDownLatch release = new CountDownLatch(1);
    EventApp.blocks.put(name, release);
    EventApp.entered.put(name, new CountDownLatch(1));
    return release;
  }

  private static void awaitEntered(String name) throws InterruptedException {
    assertThat(EventApp.entered.get(name).await(10, TimeUnit.SECONDS)).isTrue();
  }
}
