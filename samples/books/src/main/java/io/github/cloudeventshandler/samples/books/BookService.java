package io.github.cloudeventshandler.samples.books;

import io.github.cloudeventshandler.idempotency.IdempotencyClaim;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place books are written, whichever cloud the event came from. The library's {@code
 * IdempotencyFilter} lets each event in once; the request's storage events are then handled in one
 * transaction that also marks the event completed in the filter's table ({@code
 * JdbcIdempotencyStore.completeWithin}): the books and the mark commit together or not at all, so a
 * failure half-way leaves nothing behind for the platform's retry, and a crash after the commit can
 * no longer make a redelivery write twice.
 */
@Service
class BookService {
  /** What handling an event did. */
  enum Result {
    CREATED,
    DELETED,
    NOTHING_TO_DELETE,
    IGNORED
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

  /**
   * Handles the storage events of one request in one transaction, together with the request's
   * idempotency claim (null when the filter did not claim the request, e.g. a whole batch).
   */
  List<Result> handle(List<StorageEvent> events, IdempotencyClaim claim) {
    return tx.execute(
        s -> {
          List<Result> results = events.stream().map(this::apply).toList();
          if (claim != null) {
            books.markCompleted(claim);
          }
          return results;
        });
  }

  private Result apply(StorageEvent event) {
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
  }
}
