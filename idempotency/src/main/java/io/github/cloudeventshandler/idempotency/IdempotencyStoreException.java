package io.github.cloudeventshandler.idempotency;

import io.github.cloudeventshandler.core.CloudEventsHandlerException;

/**
 * The idempotency store could not be read or written (the database is down, the table cannot be
 * created), or a claim no longer holds when the app tries to complete it inside its transaction.
 * {@link IdempotencyFilter} turns a failure before the app runs into a retryable {@code 503}; the
 * app is not called.
 */
public class IdempotencyStoreException extends CloudEventsHandlerException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the store, the operation and the key. */
  public IdempotencyStoreException(String message) {
    super(message);
  }

  /** Creates the exception with its cause (usually a {@code java.sql.SQLException}). */
  public IdempotencyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
