package io.github.cloudeventshandler.idempotency;

import static io.github.cloudeventshandler.idempotency.IdempotencyStoreContractTest.claim;
import static io.github.cloudeventshandler.idempotency.IdempotencyStoreContractTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.Headers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDBC store's own promises on H2 and a real PostgreSQL server: the table created once (also by
 * racing instances), a named failure when it may not be created, the completed mark inside the
 * app's transaction, purging.
 */
class JdbcIdempotencyStoreTest extends RealDatabases {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final AtomicInteger TABLES = new AtomicInteger();

  /** A table name no other test uses. */
  private static String table() {
    return "idem_test_" + TABLES.incrementAndGet();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theTableIsCreatedOnFirstUseEvenByRacingInstances(TestDatabase db) throws Exception {
    String table = table();
    assertThat(exists(db, table)).isFalse();
    IdempotencyKey key = key();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Attempt>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        // four instances of the app starting at once, each with its own store
        JdbcIdempotencyStore store =
            JdbcIdempotencyStore.builder(db.dataSource()).table(table).build();
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.begin(claim(key, T0.plusSeconds(30)), T0);
                }));
      }
      go.countDown();
      int started = 0;
      for (Future<Attempt> f : results) {
        started += f.get(60, TimeUnit.SECONDS) instanceof Attempt.Started ? 1 : 0;
      }
      assertThat(started).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(exists(db, table)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void withoutCreateTableAMissingTableIsANamedFailure(TestDatabase db) {
    String table = table();
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(db.dataSource()).table(table).createTable(false).build();
    assertThatThrownBy(() -> store.begin(claim(key(), T0.plusSeconds(30)), T0))
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessageContaining(table + " does not exist")
        .hasMessageContaining("CREATE TABLE " + table);
    db.sql(
        store
            .createStatements()
            .toArray(String[]::new)); // the documented DDL, run by hand, works as printed
    assertThat(store.begin(claim(key(), T0.plusSeconds(30)), T0))
        .isInstanceOf(Attempt.Started.class);
  }

  @Test
  void theTableNameMustBeAnIdentifier() {
    var b = JdbcIdempotencyStore.builder(h2.dataSource());
    assertThatThrownBy(() -> b.table("x; DROP TABLE books"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(b.table("public.ceh_idempotency").build().table())
        .isEqualTo("public.ceh_idempotency");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theCompletedMarkCommitsAndRollsBackWithTheAppsOwnWrites(TestDatabase db)
      throws SQLException {
    JdbcIdempotencyStore store = store(db);
    String rows = "app_rows_" + TABLES.incrementAndGet();
    db.sql("CREATE TABLE " + rows + " (event VARCHAR(64) NOT NULL)");
    IdempotencyKey key = key();
    IdempotencyClaim claim = claim(key, T0.plusSeconds(30));
    store.begin(claim, T0);

    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      insertRow(c, rows);
      store.completeWithin(c, claim);
      c.rollback(); // the app's transaction fails: neither its row nor the mark stays
      c.setAutoCommit(true);
    }
    assertThat(count(db, rows)).isZero();
    assertThat(store.begin(claim(key, T0.plusSeconds(30)), T0.plusSeconds(1)))
        .isInstanceOf(Attempt.InProgress.class);

    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      insertRow(c, rows);
      store.completeWithin(c, claim);
      c.commit(); // both at once; the attempt now stops before the filter stores its answer
      c.setAutoCommit(true);
    }
    assertThat(count(db, rows)).isEqualTo(1);
    assertThat(store.begin(claim(key, T0.plusSeconds(30)), T0.plusSeconds(2)))
        .isEqualTo(new Attempt.Completed(Optional.empty()));
    // the filter's late write still adds the answer, and a failure after the commit releases
    // nothing
    assertThat(store.release(claim)).isFalse();
    StoredResponse answer = StoredResponse.of(200, Headers.empty(), "{}".getBytes());
    assertThat(store.complete(claim, answer)).isTrue();
    assertThat(store.begin(claim(key, T0.plusSeconds(30)), T0.plusSeconds(3)))
        .isEqualTo(new Attempt.Completed(Optional.of(answer)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theCompletedMarkFailsWhenAnotherDeliveryTookTheEventOver(TestDatabase db)
      throws SQLException {
    JdbcIdempotencyStore store = store(db);
    IdempotencyKey key = key();
    IdempotencyClaim late = claim(key, T0.plusSeconds(30));
    store.begin(late, T0);
    IdempotencyClaim retry = claim(key, T0.plusSeconds(90));
    assertThat(store.begin(retry, T0.plusSeconds(31))).isEqualTo(new Attempt.Started(retry));

    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> store.completeWithin(c, late))
          .isInstanceOf(IdempotencyStoreException.class)
          .hasMessageContaining("no longer holds")
          .hasMessageContaining(key.value());
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aDeliveryDuringTheAppsOpenTransactionNeverStarts(TestDatabase db) throws Exception {
    JdbcIdempotencyStore store = store(db);
    IdempotencyKey key = key();
    IdempotencyClaim claim = claim(key, T0.plusSeconds(1));
    store.begin(claim, T0);
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      store.completeWithin(c, claim); // uncommitted; the in-progress record has already expired
      CompletableFuture<Attempt> other =
          CompletableFuture.supplyAsync(
              () -> store.begin(claim(key, T0.plusSeconds(60)), T0.plusSeconds(2)));
      Thread.sleep(300);
      c.commit();
      c.setAutoCommit(true);
      // the database either made it wait for the commit or let it take over the expired record
      // and so made the app's commit impossible; here the commit succeeded, so it must not start
      assertThat(other.get(30, TimeUnit.SECONDS)).isNotInstanceOf(Attempt.Started.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void purgingDeletesOnlyExpiredRecords(TestDatabase db) {
    String table = table();
    JdbcIdempotencyStore store =
        JdbcIdempotencyStore.builder(db.dataSource())
            .table(table)
            .purgeInterval(Duration.ofSeconds(-1))
            .build();
    IdempotencyClaim old = claim(key(), T0.plusSeconds(10));
    IdempotencyClaim live = claim(key(), T0.plusSeconds(100));
    store.begin(old, T0);
    store.begin(live, T0);

    assertThat(store.purgeExpired(T0.plusSeconds(50))).isEqualTo(1);
    assertThat(count(db, table)).isEqualTo(1);
    assertThat(store.begin(claim(live.key(), T0.plusSeconds(100)), T0.plusSeconds(51)))
        .isInstanceOf(Attempt.InProgress.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aLongKeyIsStoredWithItsDescriptionCut(TestDatabase db) {
    String table = table();
    JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(db.dataSource()).table(table).build();
    IdempotencyKey key =
        new IdempotencyKey("/x", "//storage.googleapis.com/" + "b".repeat(3000), "é".repeat(900));
    IdempotencyClaim claim = claim(key, T0.plusSeconds(30));
    assertThat(store.begin(claim, T0)).isEqualTo(new Attempt.Started(claim));
    assertThat(store.begin(claim(key, T0.plusSeconds(30)), T0))
        .isInstanceOf(Attempt.InProgress.class);
  }

  private static JdbcIdempotencyStore store(TestDatabase db) {
    return JdbcIdempotencyStore.builder(db.dataSource()).table(table()).build();
  }

  private static void insertRow(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO " + table + " (event) VALUES ('e')");
    }
  }

  private static int count(TestDatabase db, String table) {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean exists(TestDatabase db, String table) {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
