package io.github.cloudeventshandler.samples.books;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.idempotency.JdbcIdempotencyStore;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * The books app started once per test JVM exactly as a deployment starts it: through the servlet
 * bridge, named by {@code CEH_APPLICATION}. Every cloud's test hands this one application to its
 * real entry point, so Spring starts once for the whole suite. Direct JDBC on the same in-memory H2
 * database is used only to reset it, to count rows and to make it fail.
 */
final class BooksBridge {
  private static final String URL = "jdbc:h2:mem:books";
  private static Configuration configuration;
  private static ServletApplication application;

  private BooksBridge() {}

  /** The settings a deployment would have: just {@code CEH_APPLICATION}. */
  static synchronized Configuration configuration() {
    if (configuration == null) {
      configuration =
          Configuration.from(
              Map.of(Configuration.APPLICATION, BooksApp.class.getName()), new Properties());
    }
    return configuration;
  }

  /** The books app on the bridge; started on first use, stopped when the JVM exits. */
  static synchronized ServletApplication application() {
    if (application == null) {
      application = ServletApplication.start(configuration());
      Runtime.getRuntime().addShutdownHook(new Thread(application::close));
    }
    return application;
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
    try (Connection c = DriverManager.getConnection(URL, "sa", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sql(String... statements) {
    application(); // the app creates the schema
    try (Connection c = DriverManager.getConnection(URL, "sa", "");
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
