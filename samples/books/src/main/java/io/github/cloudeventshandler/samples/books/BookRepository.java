package io.github.cloudeventshandler.samples.books;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The app's own data access, with Spring's {@link JdbcClient}: the {@code books} table (one row per
 * cloud + bucket + key) and the {@code processed_events} table whose primary key ({@code source},
 * {@code id}) makes event handling idempotent. Call inside the service's transaction.
 */
@Repository
class BookRepository {
  private final JdbcClient jdbc;

  BookRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
    jdbc.sql(
            "CREATE TABLE IF NOT EXISTS books (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " cloud VARCHAR(16) NOT NULL, bucket VARCHAR(255) NOT NULL,"
                + " object_key VARCHAR(1024) NOT NULL, size BIGINT, etag VARCHAR(255),"
                + " event_time VARCHAR(64), CONSTRAINT books_object UNIQUE (cloud, bucket,"
                + " object_key))")
        .update();
    jdbc.sql(
            "CREATE TABLE IF NOT EXISTS processed_events (source VARCHAR(1024) NOT NULL,"
                + " id VARCHAR(1024) NOT NULL, processed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                + " CONSTRAINT processed_event PRIMARY KEY (source, id))")
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

  /** Records the event; false when it was recorded before (a redelivery). */
  boolean markProcessed(String source, String id) {
    try {
      jdbc.sql("INSERT INTO processed_events (source, id) VALUES (?, ?)")
          .param(source)
          .param(id)
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
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
