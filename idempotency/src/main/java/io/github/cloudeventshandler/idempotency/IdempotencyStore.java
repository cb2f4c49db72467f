package io.github.cloudeventshandler.idempotency;

import java.time.Instant;

/**
 * Where {@link IdempotencyFilter} keeps one record per event key: {@code IN_PROGRESS} while an
 * attempt runs, {@code COMPLETED} with the first 2xx answer afterwards. Every transition is one
 * atomic, conditional step, so that of any number of concurrent deliveries exactly one is {@link
 * Attempt.Started}. Implementations: {@link JdbcIdempotencyStore} (the app's own database), {@link
 * InMemoryIdempotencyStore} (one process).
 *
 * <p>Failure contract: every method throws {@link IdempotencyStoreException} when the store cannot
 * be reached or answers with an error; none of them throws for "the record is not there".
 * Implementations are thread-safe.
 */
public interface IdempotencyStore {
  /**
   * Records {@code claim} as {@code IN_PROGRESS} when the key has no record or only an expired one
   * (whatever its state); otherwise reports the live record.
   *
   * @param claim the attempt that wants the event
   * @param now the current time; records whose expiry is not after it are expired
   */
  Attempt begin(IdempotencyClaim claim, Instant now);

  /**
   * Marks the claim's record {@code COMPLETED} with this answer, expiring at {@link
   * IdempotencyClaim#retainUntil()}; also fills in the answer of a record the app already marked
   * completed in its own transaction.
   *
   * @return false when the record no longer belongs to this claim (it expired and another delivery
   *     took it over, or it was purged); nothing is written then
   */
  boolean complete(IdempotencyClaim claim, StoredResponse response);

  /**
   * Deletes the claim's record if it is still {@code IN_PROGRESS} and still this claim's, so that
   * the next delivery runs the app again; a record the app already marked completed stays.
   *
   * @return whether a record was deleted
   */
  boolean release(IdempotencyClaim claim);
}
