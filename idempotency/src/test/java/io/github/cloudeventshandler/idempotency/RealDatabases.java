package io.github.cloudeventshandler.idempotency;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the test classes that run on real databases: an H2 database and a PostgreSQL server,
 * started once for the class and stopped after it, and the stores to run a test on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealDatabases {
  TestDatabase h2;
  TestDatabase postgres;

  @BeforeAll
  void startDatabases() {
    h2 = TestDatabase.h2();
    postgres = TestDatabase.postgres();
  }

  @AfterAll
  void stopDatabases() {
    h2.close();
    postgres.close();
  }

  /** Both databases, for {@code @MethodSource("databases")}. */
  Stream<TestDatabase> databases() {
    return Stream.of(h2, postgres);
  }

  /** A fresh in-memory store and JDBC stores on both databases, for {@code @MethodSource}. */
  Stream<Named<IdempotencyStore>> stores() {
    return Stream.of(
        Named.of("in memory", new InMemoryIdempotencyStore()),
        Named.of("H2", JdbcIdempotencyStore.create(h2.dataSource())),
        Named.of("PostgreSQL", JdbcIdempotencyStore.create(postgres.dataSource())));
  }
}
