package io.github.cloudeventshandler.idempotency;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt's hold on an event: made by {@link IdempotencyFilter} before the app runs, recorded
 * by the store as {@code IN_PROGRESS}, and handed to the app as the request attribute {@link
 * IdempotencyFilter#CLAIM} so that it can mark the event completed inside its own transaction
 * ({@link JdbcIdempotencyStore#completeWithin}).
 *
 * @param key the event's key
 * @param owner a random id of this attempt; every transition checks it, so an attempt whose record
 *     expired and was taken over by a later delivery can no longer complete or release it
 * @param inProgressUntil when the record stops blocking other deliveries: the platform's deadline
 *     for this request ({@code RequestAttributes.DEADLINE}), else now + the filter's in-progress
 *     timeout
 * @param retainUntil when the completed record (and its stored answer) expires: the attempt's start
 *     + the filter's retention
 */
public record IdempotencyClaim(
    IdempotencyKey key, String owner, Instant inProgressUntil, Instant retainUntil) {
  /** Validates. */
  public IdempotencyClaim {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(inProgressUntil, "inProgressUntil");
    Objects.requireNonNull(retainUntil, "retainUntil");
  }
}
