package io.github.cloudeventshandler.idempotency;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.core.Headers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in a table of the app's own database, through its {@link DataSource} (the connection pool
 * the app already has). Each transition is one statement, conditional on the record's current owner
 * and state, so it is atomic without locks held across statements; "the record already exists" is
 * the primary-key violation of an {@code INSERT} (SQLState class {@code 23}), which every database
 * reports the same way, rather than {@code INSERT … ON CONFLICT} (PostgreSQL) or {@code MERGE} (H2,
 * SQL:2003), which differ. Tested on H2 2.3 and PostgreSQL 14.
 *
 * <pre>{@code
 * JdbcIdempotencyStore store = JdbcIdempotencyStore.create(dataSource); // table ceh_idempotency
 * IdempotencyFilter filter = IdempotencyFilter.builder(store).build();
 * }</pre>
 *
 * <p>The table (created on first use when missing; {@code VARCHAR} without a length and {@code
 * BYTEA} are accepted by both H2 and PostgreSQL — for another database create it yourself with that
 * database's types and use {@code createTable(false)}):
 *
 * <pre>
 * CREATE TABLE ceh_idempotency (
 *   idem_key   VARCHAR(64)   NOT NULL PRIMARY KEY, -- IdempotencyKey.hash(): SHA-256, hex
 *   event      VARCHAR(1024) NOT NULL,             -- IdempotencyKey.describe(), cut to 1024
 *   state      VARCHAR(16)   NOT NULL,             -- IN_PROGRESS or COMPLETED
 *   owner      VARCHAR(64)   NOT NULL,             -- the attempt holding the record
 *   expires_at BIGINT        NOT NULL,             -- epoch milliseconds
 *   status     INTEGER,                            -- the stored answer; NULL: none
 *   headers    VARCHAR,                            -- JSON [[name, value], …]
 *   body       BYTEA)                              -- NULL: not stored (over the cap)
 * CREATE INDEX ceh_idempotency_expires ON ceh_idempotency (expires_at)
 * </pre>
 *
 * <p>The statements, one per transition (the state names are bound as parameters):
 *
 * <pre>
 * begin:    INSERT INTO t (idem_key, event, state, owner, expires_at) VALUES (?, ?, 'IN_PROGRESS', ?, ?)
 *           -- on a key violation: SELECT state, owner, expires_at, status, headers, body FROM t WHERE idem_key = ?
 *           -- live record: report it; expired record: take it over only if it is still the row just read
 * take over: UPDATE t SET state = 'IN_PROGRESS', owner = ?, event = ?, expires_at = ?, status = NULL,
 *           headers = NULL, body = NULL WHERE idem_key = ? AND owner = ? AND state = ? AND expires_at = ?
 * complete: UPDATE t SET state = 'COMPLETED', expires_at = ?, status = ?, headers = ?, body = ?
 *           WHERE idem_key = ? AND owner = ?
 * release:  DELETE FROM t WHERE idem_key = ? AND owner = ? AND state = 'IN_PROGRESS'
 * completeWithin (the app's transaction):
 *           UPDATE t SET state = 'COMPLETED', expires_at = ? WHERE idem_key = ? AND owner = ? AND state = 'IN_PROGRESS'
 * purge:    DELETE FROM t WHERE expires_at &lt; ?
 * </pre>
 *
 * <p>Each of the filter's statements runs on its own connection from the pool in auto-commit mode
 * (or is committed at once when the pool hands out connections with auto-commit off), outside the
 * app's transactions. Expiry compares with the app's clock: keep the instances' clocks in sync
 * (NTP); a skew of seconds only shifts when records expire. Expired records are deleted at most
 * once per {@code purgeInterval} (default one minute) while a delivery begins, or by calling {@link
 * #purgeExpired}.
 *
 * <p>Failure contract: {@link IdempotencyStoreException} (with the {@code SQLException} as cause)
 * when the database cannot be reached, the table cannot be created, or a statement fails. Thread-
 * safe.
 */
public final class JdbcIdempotencyStore implements IdempotencyStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcIdempotencyStore.class);

  /** The table used unless {@link Builder#table(String)} names another. */
  public static final String DEFAULT_TABLE = "ceh_idempotency";

  private static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  private static final int EVENT_COLUMN_LENGTH = 1024;
  private static final String IN_PROGRESS = "IN_PROGRESS";
  private static final String COMPLETED = "COMPLETED";
  private static final int BEGIN_TRIES = 4;

  private final DataSource dataSource;
  private final String table;
  private final boolean createTable;
  private final long purgeEveryMillis;
  private final AtomicLong lastPurge = new AtomicLong();
  private volatile boolean tableReady;

  private final String insert;
  private final String select;
  private final String takeOver;
  private final String complete;
  private final String release;
  private final String completeWithin;
  private final String purge;

  private JdbcIdempotencyStore(Builder b) {
    this.dataSource = b.dataSource;
    this.table = b.table;
    this.createTable = b.createTable;
    this.purgeEveryMillis = b.purgeInterval.toMillis();
    String t = table;
    insert =
        "INSERT INTO " + t + " (idem_key, event, state, owner, expires_at) VALUES (?, ?, ?, ?, ?)";
    select =
        "SELECT state, owner, expires_at, status, headers, body FROM " + t + " WHERE idem_key = ?";
    takeOver =
        "UPDATE "
            + t
            + " SET state = ?, owner = ?, event = ?, expires_at = ?, status = NULL, headers = NULL,"
            + " body = NULL WHERE idem_key = ? AND owner = ? AND state = ? AND expires_at = ?";
    complete =
        "UPDATE "
            + t
            + " SET state = ?, expires_at = ?, status = ?, headers = ?, body = ?"
            + " WHERE idem_key = ? AND owner = ?";
    release = "DELETE FROM " + t + " WHERE idem_key = ? AND owner = ? AND state = ?";
    completeWithin =
        "UPDATE "
            + t
            + " SET state = ?, expires_at = ? WHERE idem_key = ? AND owner = ? AND state = ?";
    purge = "DELETE FROM " + t + " WHERE expires_at < ?";
  }

  /** A store on this data source with the default table, created when missing. */
  public static JdbcIdempotencyStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /** Starts a store on this data source. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The table name. */
  public String table() {
    return table;
  }

  /** The statements that create the table and its index when it is missing. */
  public List<String> createStatements() {
    String index = table.substring(table.lastIndexOf('.') + 1) + "_expires";
    return List.of(
        "CREATE TABLE "
            + table
            + " (idem_key VARCHAR(64) NOT NULL PRIMARY KEY, event VARCHAR("
            + EVENT_COLUMN_LENGTH
            + ") NOT NULL, state VARCHAR(16) NOT NULL, owner VARCHAR(64) NOT NULL,"
            + " expires_at BIGINT NOT NULL, status INTEGER, headers VARCHAR, body BYTEA)",
        "CREATE INDEX " + index + " ON " + table + " (expires_at)");
  }

  @Override
  public Attempt begin(IdempotencyClaim claim, Instant now) {
    ensureTable();
    purgeNowAndThen(now);
    IdempotencyKey key = claim.key();
    String hash = key.hash();
    for (int i = 0; i < BEGIN_TRIES; i++) {
      if (insert(claim, hash)) {
        return new Attempt.Started(claim);
      }
      Row row = read(key, hash);
      if (row == null) {
        continue; // released or purged since the insert failed: insert again
      }
      if (row.expiresAt > now.toEpochMilli()) {
        return row.state.equals(COMPLETED)
            ? new Attempt.Completed(Optional.ofNullable(row.answer))
            : new Attempt.InProgress(Instant.ofEpochMilli(row.expiresAt));
      }
      if (takeOver(claim, hash, row)) {
        return new Attempt.Started(claim);
      }
      // the expired record changed between the read and the update: look again
    }
    // four changes under us in a row: treat the event as busy, the platform retries
    return new Attempt.InProgress(now);
  }

  @Override
  public boolean complete(IdempotencyClaim claim, StoredResponse response) {
    return run(
            "complete",
            claim.key(),
            c -> {
              try (PreparedStatement s = c.prepareStatement(complete)) {
                s.setString(1, COMPLETED);
                s.setLong(2, claim.retainUntil().toEpochMilli());
                s.setInt(3, response.response().status());
                s.setString(4, headersJson(response.response().headers()));
                s.setBytes(5, response.storedBody());
                s.setString(6, claim.key().hash());
                s.setString(7, claim.owner());
                return s.executeUpdate();
              }
            })
        == 1;
  }

  @Override
  public boolean release(IdempotencyClaim claim) {
    return run(
            "release",
            claim.key(),
            c -> {
              try (PreparedStatement s = c.prepareStatement(release)) {
                s.setString(1, claim.key().hash());
                s.setString(2, claim.owner());
                s.setString(3, IN_PROGRESS);
                return s.executeUpdate();
              }
            })
        == 1;
  }

  /**
   * Marks the claim's record {@code COMPLETED} on the app's own connection, inside the app's
   * transaction, so that the record commits or rolls back together with the app's writes: a crash
   * after the commit can no longer lead to a second execution. The answer is added by the filter
   * after the app returns; a duplicate arriving before that gets {@code 204} (see {@link
   * IdempotencyFilter}). Does not commit. In Spring: {@code
   * jdbcTemplate.execute((ConnectionCallback< Void>) c -> { store.completeWithin(c, claim); return
   * null; })} inside the transaction.
   *
   * @param connection the connection of the app's open transaction, on this store's database
   * @param claim the request's {@link IdempotencyFilter#CLAIM} attribute
   * @throws IdempotencyStoreException when the statement fails, or when the record is no longer
   *     this claim's or no longer in progress (it expired and another delivery took it over): the
   *     app must then roll back, which letting the exception propagate does
   */
  public void completeWithin(Connection connection, IdempotencyClaim claim) {
    Objects.requireNonNull(connection, "connection");
    int updated;
    try (PreparedStatement s = connection.prepareStatement(completeWithin)) {
      s.setString(1, COMPLETED);
      s.setLong(2, claim.retainUntil().toEpochMilli());
      s.setString(3, claim.key().hash());
      s.setString(4, claim.owner());
      s.setString(5, IN_PROGRESS);
      updated = s.executeUpdate();
    } catch (SQLException e) {
      throw failure("completeWithin", claim.key(), e);
    }
    if (updated != 1) {
      throw new IdempotencyStoreException(
          "idempotency table "
              + table
              + ": the claim on "
              + claim.key().describe()
              + " no longer holds (its in-progress record expired and another delivery took it"
              + " over); roll back");
    }
  }

  /**
   * Deletes every record that expired before {@code now}; for a scheduled clean-up when the
   * purge-while-beginning of the filter is switched off.
   *
   * @return how many records were deleted
   */
  public int purgeExpired(Instant now) {
    ensureTable();
    return run(
        "purge",
        null,
        c -> {
          try (PreparedStatement s = c.prepareStatement(purge)) {
            s.setLong(1, now.toEpochMilli());
            return s.executeUpdate();
          }
        });
  }

  private boolean insert(IdempotencyClaim claim, String hash) {
    return run(
        "begin",
        claim.key(),
        c -> {
          try (PreparedStatement s = c.prepareStatement(insert)) {
            s.setString(1, hash);
            s.setString(2, eventColumn(claim.key()));
            s.setString(3, IN_PROGRESS);
            s.setString(4, claim.owner());
            s.setLong(5, claim.inProgressUntil().toEpochMilli());
            s.executeUpdate();
            return true;
          } catch (SQLException e) {
            if (isDuplicateKey(e)) {
              rollbackIfManual(c);
              return false;
            }
            throw e;
          }
        });
  }

  private Row read(IdempotencyKey key, String hash) {
    return run(
        "read",
        key,
        c -> {
          try (PreparedStatement s = c.prepareStatement(select)) {
            s.setString(1, hash);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return null;
              }
              String state = r.getString(1);
              String owner = r.getString(2);
              long expiresAt = r.getLong(3);
              int status = r.getInt(4);
              boolean hasStatus = !r.wasNull();
              String headers = r.getString(5);
              byte[] body = r.getBytes(6);
              StoredResponse answer =
                  hasStatus ? StoredResponse.of(status, parseHeaders(headers), body) : null;
              return new Row(state, owner, expiresAt, answer);
            }
          }
        });
  }

  private boolean takeOver(IdempotencyClaim claim, String hash, Row row) {
    return run(
            "take over",
            claim.key(),
            c -> {
              try (PreparedStatement s = c.prepareStatement(takeOver)) {
                s.setString(1, IN_PROGRESS);
                s.setString(2, claim.owner());
                s.setString(3, eventColumn(claim.key()));
                s.setLong(4, claim.inProgressUntil().toEpochMilli());
                s.setString(5, hash);
                s.setString(6, row.owner);
                s.setString(7, row.state);
                s.setLong(8, row.expiresAt);
                return s.executeUpdate();
              }
            })
        == 1;
  }

  private void purgeNowAndThen(Instant now) {
    long t = now.toEpochMilli();
    long last = lastPurge.get();
    if (purgeEveryMillis < 0 || t - last < purgeEveryMillis || !lastPurge.compareAndSet(last, t)) {
      return;
    }
    try {
      int n = purgeExpired(now);
      if (n > 0) {
        LOG.debug("idempotency table {}: purged {} expired records", table, n);
      }
    } catch (IdempotencyStoreException e) {
      LOG.warn("idempotency table {}: purging expired records failed: {}", table, e.getMessage());
    }
  }

  /**
   * Creates the table now when it is missing (with {@code createTable(false)}: checks that it
   * exists), instead of on the first delivery; for an app that wants to fail at start-up rather
   * than answer its first events with {@code 503}.
   *
   * @throws IdempotencyStoreException when the database cannot be reached or the table cannot be
   *     created (or is missing and may not be created)
   */
  public void createTableIfMissing() {
    ensureTable();
  }

  /** Creates the table on first use when it is missing; tried again after a failure. */
  private void ensureTable() {
    if (tableReady) {
      return;
    }
    synchronized (this) {
      if (tableReady) {
        return;
      }
      if (tableExists()) {
        tableReady = true;
        return;
      }
      if (!createTable) {
        throw new IdempotencyStoreException(
            "idempotency table "
                + table
                + " does not exist and createTable is off: create it with "
                + String.join("; ", createStatements()));
      }
      try {
        run(
            "create table",
            null,
            c -> {
              try (Statement s = c.createStatement()) {
                for (String sql : createStatements()) {
                  s.execute(sql);
                }
              }
              return null;
            });
      } catch (IdempotencyStoreException e) {
        if (!tableExists()) { // another instance may have created it at the same moment
          throw e;
        }
      }
      tableReady = true;
    }
  }

  private boolean tableExists() {
    return run(
        "probe",
        null,
        c -> {
          try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT idem_key FROM " + table + " WHERE 1 = 0").close();
            return true;
          } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
              throw e; // connection failure: the database is down, not the table missing
            }
            rollbackIfManual(c);
            return false;
          }
        });
  }

  /** After a statement failed on purpose, a manual-commit connection must roll back first. */
  private static void rollbackIfManual(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
    }
  }

  /** One unit of work on its own connection, committed when the pool has auto-commit off. */
  private <T> T run(String operation, IdempotencyKey key, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      if (c.getAutoCommit()) {
        return work.apply(c);
      }
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure(operation, key, e);
    }
  }

  private IdempotencyStoreException failure(String operation, IdempotencyKey key, SQLException e) {
    return new IdempotencyStoreException(
        "idempotency table "
            + table
            + ": "
            + operation
            + (key == null ? "" : " of " + key.describe())
            + " failed: "
            + e.getMessage()
            + " (SQLState "
            + e.getSQLState()
            + ")",
        e);
  }

  /**
   * Whether a failed INSERT failed because the key exists: SQLState class 23 (integrity constraint
   * violation; 23505 on H2 and PostgreSQL, 23000 on MySQL), which is the only constraint the insert
   * can break.
   */
  static boolean isDuplicateKey(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x instanceof SQLIntegrityConstraintViolationException
          || (x.getSQLState() != null && x.getSQLState().startsWith("23"))) {
        return true;
      }
    }
    return false;
  }

  private static String eventColumn(IdempotencyKey key) {
    String d = key.describe();
    if (d.length() <= EVENT_COLUMN_LENGTH) {
      return d;
    }
    int end = EVENT_COLUMN_LENGTH;
    if (Character.isHighSurrogate(d.charAt(end - 1))) {
      end--; // never cut a character in two
    }
    return d.substring(0, end);
  }

  static String headersJson(Headers headers) {
    JsonArray a = new JsonArray();
    for (Map.Entry<String, String> f : headers.fields()) {
      JsonArray pair = new JsonArray();
      pair.add(f.getKey());
      pair.add(f.getValue());
      a.add(pair);
    }
    return a.toString();
  }

  static Headers parseHeaders(String json) {
    Headers.Builder b = Headers.builder();
    if (json == null) {
      return b.build();
    }
    for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
      JsonArray pair = e.getAsJsonArray();
      b.add(pair.get(0).getAsString(), pair.get(1).getAsString());
    }
    return b.build();
  }

  private record Row(String state, String owner, long expiresAt, StoredResponse answer) {}

  @FunctionalInterface
  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Builds a {@link JdbcIdempotencyStore}; not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private String table = DEFAULT_TABLE;
    private boolean createTable = true;
    private Duration purgeInterval = Duration.ofMinutes(1);

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The table, optionally schema-qualified ({@code events.ceh_idempotency}); letters, digits and
     * underscores only (it is part of the SQL text).
     */
    public Builder table(String table) {
      if (table == null || !TABLE_NAME.matcher(table).matches()) {
        throw new IllegalArgumentException(
            "table must be [schema.]name of letters, digits and underscores: " + table);
      }
      this.table = table;
      return this;
    }

    /** Whether to create the table on first use when it is missing (default true). */
    public Builder createTable(boolean createTable) {
      this.createTable = createTable;
      return this;
    }

    /**
     * How often, at most, a beginning delivery deletes expired records (default one minute); a
     * negative duration never does (call {@link #purgeExpired} yourself).
     */
    public Builder purgeInterval(Duration purgeInterval) {
      this.purgeInterval = Objects.requireNonNull(purgeInterval, "purgeInterval");
      return this;
    }

    /** The store; touches the database only on first use. */
    public JdbcIdempotencyStore build() {
      return new JdbcIdempotencyStore(this);
    }
  }
}
