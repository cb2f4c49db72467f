package io.github.cloudeventshandler.idempotency;

import static io.github.cloudeventshandler.idempotency.TestEvents.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter with the JDBC store in a real app on the real bridge, on H2 and PostgreSQL: the
 * database going down before and during a delivery, and the app completing the event inside its own
 * transaction.
 */
class JdbcFilterTest extends RealDatabases {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final AtomicInteger TABLES = new AtomicInteger();

  private ServletApplication app;
  private TestEvents.MutableClock clock;

  @BeforeAll
  void startApp() {
    app = TestEvents.startApp();
  }

  @AfterAll
  void stopApp() {
    app.close();
  }

  @BeforeEach
  void reset() {
    EventApp.reset();
    clock = new TestEvents.MutableClock(T0);
  }

  private JdbcIdempotencyStore use(TestDatabase db) {
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(db.dataSource())
            .table("filter_test_" + TABLES.incrementAndGet())
            .build();
    EventApp.filter = IdempotencyFilter.builder(store).clock(clock).build();
    EventApp.txDatabase = db.dataSource();
    EventApp.txStore = store;
    return store;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void withTheDatabaseDownTheEventIsRefusedRetryablyAndTheAppDoesNotRun(TestDatabase db) {
    use(db);
    assertThat(app.call(delivery("warm-up").build()).status()).isEqualTo(200); // table exists
    db.stop();
    try {
      for (int i = 0; i < 3; i++) {
        AppResponse refused = app.call(delivery("d1").build());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header(IdempotencyFilter.HEADER))
            .contains(IdempotencyFilter.STORE_UNAVAILABLE);
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(refused.bodyText()).contains("idempotency-store-unavailable").contains("ce-d1");
      }
      assertThat(EventApp.runs("d1")).isZero();
    } finally {
      db.start();
    }
    // the platform keeps retrying: the pool may first hand out a connection the restart broke
    AppResponse ran = untilStoreAnswers(delivery("d1").build());
    assertThat(ran.status()).isEqualTo(200);
    assertThat(app.call(delivery("d1").build()).bodyText()).isEqualTo(ran.bodyText());
    assertThat(EventApp.runs("d1")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void whenTheDatabaseFailsWhileTheAppRunsItsAnswerStandsAndDuplicatesWaitForTheDeadline(
      TestDatabase db) throws Exception {
    use(db);
    app.call(delivery("warm-up").build());
    CountDownLatch release = new CountDownLatch(1);
    EventApp.blocks.put("outage", release);
    EventApp.entered.put("outage", new CountDownLatch(1));
    AppRequest first =
        delivery("d2")
            .header("X-Block", "outage")
            .attribute(RequestAttributes.DEADLINE, T0.plusSeconds(30))
            .build();
    CompletableFuture<AppResponse> running = CompletableFuture.supplyAsync(() -> app.call(first));
    assertThat(EventApp.entered.get("outage").await(10, TimeUnit.SECONDS)).isTrue();
    db.stop();
    release.countDown();
    AppResponse answer = running.get(20, TimeUnit.SECONDS);
    db.start();

    assertThat(answer.status()).as("the app handled it; its answer stands").isEqualTo(200);
    // the completed record could not be written: the in-progress one holds until the deadline
    assertThat(untilStoreAnswers(delivery("d2").build()).status()).isEqualTo(503);
    assertThat(EventApp.runs("d2")).isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    assertThat(untilStoreAnswers(delivery("d2").build()).status()).isEqualTo(200);
    assertThat(EventApp.runs("d2")).as("the documented second run").isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aCompletedMarkInTheAppsTransactionSurvivesACrashAfterTheCommit(TestDatabase db) {
    use(db);
    db.sql(
        "CREATE TABLE IF NOT EXISTS app_rows (event VARCHAR(64) NOT NULL)", "DELETE FROM app_rows");

    AppResponse crashed = app.call(tx("t1").header("X-Fail", "after-commit").build());
    assertThat(crashed.status()).isEqualTo(500);

    AppResponse duplicate = app.call(tx("t1").build());
    assertThat(duplicate.status()).isEqualTo(204);
    assertThat(duplicate.header(IdempotencyFilter.HEADER))
        .contains(IdempotencyFilter.REPLAYED_WITHOUT_ANSWER);
    assertThat(EventApp.runs("t1")).isEqualTo(1);
    assertThat(rows(db, "t1")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aRolledBackTransactionLetsTheRetryRunAndACommittedOneIsReplayed(TestDatabase db) {
    use(db);
    db.sql(
        "CREATE TABLE IF NOT EXISTS app_rows (event VARCHAR(64) NOT NULL)", "DELETE FROM app_rows");

    assertThat(app.call(tx("t2").header("X-Fail", "before-commit").build()).status())
        .isEqualTo(500);
    assertThat(rows(db, "t2")).isZero();

    AppResponse retry = app.call(tx("t2").build());
    assertThat(retry.status()).isEqualTo(200);
    AppResponse duplicate = app.call(tx("t2").build());
    assertThat(duplicate.bodyText()).isEqualTo(retry.bodyText()).isEqualTo("{\"event\":\"t2\"}");
    assertThat(duplicate.header(IdempotencyFilter.HEADER)).contains(IdempotencyFilter.REPLAYED);
    assertThat(EventApp.runs("t2")).isEqualTo(2);
    assertThat(rows(db, "t2")).isEqualTo(1);
  }

  private static AppRequest.Builder tx(String event) {
    return delivery(event).path("/tx/orders");
  }

  /** Delivers again while the answer is the store's 503, at most five times. */
  private AppResponse untilStoreAnswers(AppRequest request) {
    AppResponse r = app.call(request);
    for (int i = 0; i < 5 && isStoreUnavailable(r); i++) {
      r = app.call(request);
    }
    return r;
  }

  private static boolean isStoreUnavailable(AppResponse r) {
    return r.header(IdempotencyFilter.HEADER)
        .filter(IdempotencyFilter.STORE_UNAVAILABLE::equals)
        .isPresent();
  }

  private static int rows(TestDatabase db, String event) {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT COUNT(*) FROM app_rows WHERE event = '" + event + "'")) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
