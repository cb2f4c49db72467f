package io.github.cloudeventshandler.samples.books;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place books are written, whichever cloud the event came from. Each event is handled in
 * one transaction: its ({@code source}, {@code id}) is recorded in {@code processed_events} and the
 * book is written or removed; a redelivered event changes nothing, and a failure half-way rolls
 * both back so the platform's retry starts clean.
 */
@Service
class BookService {
  /** What handling an event did. */
  enum Result {
    CREATED,
    DELETED,
    NOTHING_TO_DELETE,
    IGNORED,
    DUPLICATE
  }

  private final BookRepository books;
  private final TransactionTemplate tx;

  BookService(BookRepository books, PlatformTransactionManager transactions) {
    this.books = books;
    this.tx = new TransactionTemplate(transactions);
  }

  List<Book> all() {
    return books.findAll();
  }

  Optional<Book> get(long id) {
    return books.findById(id);
  }

  boolean remove(long id) {
    return Boolean.TRUE.equals(tx.execute(s -> books.deleteById(id)));
  }

  /** Handles one storage event, exactly once per CloudEvent source + id. */
  Result handle(StorageEvent event) {
    return tx.execute(
        s -> {
          if (!books.markProcessed(event.source(), event.id())) {
            return Result.DUPLICATE;
          }
          switch (event.action()) {
            case CREATED -> {
              books.save(event);
              return Result.CREATED;
            }
            case DELETED -> {
              return books.delete(event) ? Result.DELETED : Result.NOTHING_TO_DELETE;
            }
            default -> {
              return Result.IGNORED;
            }
          }
        });
  }
}
