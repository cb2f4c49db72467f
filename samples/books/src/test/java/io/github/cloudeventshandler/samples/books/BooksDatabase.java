package io.github.cloudeventshandler.samples.books;

import io.github.cloudeventshandler.idempotency.JdbcIdempotencyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The books app's in-memory H2 database, opened with direct JDBC beside the app (which a test
 * starts with {@code LocalCloud}): only to empty it, to count rows and to make it fail. The
 * database lives as long as the JVM ({@code DB_CLOSE_DELAY=-1}): each test class starts its own
 * app, which creates the schema if it is missing, and {@link #reset()} empties what an earlier test
 * left.
 */
final class BooksDatabase implements BeforeEachCallback, AfterEachCallback {
  /**
   * H2's own data source, not {@code DriverManager}: a closed Spring Boot servlet app deregisters
   * the JDBC drivers it sees ({@code SpringBootServletInitializer}), and the next test class's app
   * would leave this class without a driver.
   */
  private static final JdbcDataSource DATABASE = new JdbcDataSource();

  static {
    DATABASE.setURL("jdbc:h2:mem:books");
    DATABASE.setUser("sa");
    DATABASE.setPassword("");
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (tableIsOffline()) {
      restoreBooksTable();
    }
  }

  /** Empties the books and the idempotency records. */
  static void reset() {
    sql("DELETE FROM books", "DELETE FROM " + JdbcIdempotencyStore.DEFAULT_TABLE);
  }

  static int books() {
    return count("books");
  }

  /** Events the library's idempotency filter holds as completed (the app's marks included). */
  static int processedEvents() {
    return count(JdbcIdempotencyStore.DEFAULT_TABLE + " WHERE state = 'COMPLETED'");
  }

  /**
   * The database refuses every book write from now on (a constraint no row can meet): the event's
   * transaction, which would also hold its completed mark, fails half-way.
   */
  static void breakBooksTable() {
    sql("ALTER TABLE books ADD CONSTRAINT database_down CHECK (cloud = 'none')");
  }

  static void restoreBooksTable() {
    sql("ALTER TABLE books DROP CONSTRAINT database_down");
  }

  static boolean tableIsOffline() {
    return count("INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE CONSTRAINT_NAME = 'DATABASE_DOWN'")
        > 0;
  }

  private static int count(String table) {
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sql(String... statements) {
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
