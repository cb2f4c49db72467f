package io.github.cloudeventshandler.samples.books;

import io.github.cloudeventshandler.idempotency.IdempotencyClaim;
import io.github.cloudeventshandler.idempotency.JdbcIdempotencyStore;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The app's own data access, with Spring's {@link JdbcClient}: the {@code books} table (one row per
 * cloud + bucket + key), and the completed mark of the library's idempotency table written on the
 * same transaction's connection. Call inside the service's transaction.
 */
@Repository
class BookRepository {
  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final JdbcIdempotencyStore idempotency;

  BookRepository(JdbcClient jdbc, JdbcTemplate template, JdbcIdempotencyStore idempotency) {
    this.jdbc = jdbc;
    this.template = template;
    this.idempotency = idempotency;
    jdbc.sql(
            "CREATE TABLE IF NOT EXISTS books (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " cloud VARCHAR(16) NOT NULL, bucket VARCHAR(255) NOT NULL,"
                + " object_key VARCHAR(1024) NOT NULL, size BIGINT, etag VARCHAR(255),"
                + " event_time VARCHAR(64), CONSTRAINT books_object UNIQUE (cloud, bucket,"
                + " object_key))")
        .update();
  }

  List<Book> findAll() {
    return jdbc.sql(
            "SELECT id, cloud, bucket, object_key AS \"key\", size, etag, event_time AS \"time\""
                + " FROM books ORDER BY id")
        .query(Book.class)
        .list();
  }

  Optional<Book> findById(long id) {
    return jdbc.sql(
            "SELECT id, cloud, bucket, object_key AS \"key\", size, etag, event_time AS \"time\""
                + " FROM books WHERE id = ?")
        .param(id)
        .query(Book.class)
        .optional();
  }

  boolean deleteById(long id) {
    return jdbc.sql("DELETE FROM books WHERE id = ?").param(id).update() > 0;
  }

  /**
   * Marks the request's event completed on the connection of the current transaction (Spring binds
   * it to the thread; {@code ConnectionCallback} hands it over), so that the mark commits or rolls
   * back with the book writes.
   */
  void markCompleted(IdempotencyClaim claim) {
    template.execute(
        (ConnectionCallback<Void>)
            c -> {
              idempotency.completeWithin(c, claim);
              return null;
            });
  }

  /** Inserts the book, or updates it when the same object was written again. */
  void save(StorageEvent e) {
    jdbc.sql(
            "MERGE INTO books (cloud, bucket, object_key, size, etag, event_time)"
                + " KEY (cloud, bucket, object_key) VALUES (?, ?, ?, ?, ?, ?)")
        .params(e.cloud(), e.bucket(), e.key(), e.size(), e.etag(), e.time())
        .update();
  }

  /** Removes the book of this object; false when there was none. */
  boolean delete(StorageEvent e) {
    return jdbc.sql("DELETE FROM books WHERE cloud = ? AND bucket = ? AND object_key = ?")
            .params(e.cloud(), e.bucket(), e.key())
            .update()
        > 0;
  }
}
