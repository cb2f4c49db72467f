package io.github.cloudeventshandler.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records in a {@link ConcurrentHashMap} of this process: for tests, and for an app that runs as a
 * single instance and may lose its records on restart (after a restart a duplicate runs the app
 * again). Every transition is one atomic {@code compute} on the key. Expired records are removed at
 * most once a minute, while a delivery begins; between two removals the map holds every event of
 * the retention period, so size the retention by the event rate.
 *
 * <pre>{@code
 * IdempotencyFilter filter = IdempotencyFilter.builder(new InMemoryIdempotencyStore()).build();
 * }</pre>
 *
 * <p>Never throws {@link IdempotencyStoreException}. Thread-safe.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private static final long PURGE_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

  /** One record; immutable, replaced as a whole on every transition. */
  private record Entry(
      IdempotencyKey key, boolean completed, String owner, Instant expires, StoredResponse answer) {
    boolean liveAt(Instant now) {
      return expires.isAfter(now);
    }
  }

  private final ConcurrentHashMap<String, Entry> records = new ConcurrentHashMap<>();
  private final AtomicLong lastPurge = new AtomicLong();

  /** An empty store. */
  public InMemoryIdempotencyStore() {}

  @Override
  public Attempt begin(IdempotencyClaim claim, Instant now) {
    purgeNowAndThen(now);
    Entry mine = new Entry(claim.key(), false, claim.owner(), claim.inProgressUntil(), null);
    Entry found =
        records.compute(
            claim.key().hash(), (k, old) -> old == null || !old.liveAt(now) ? mine : old);
    if (found == mine) {
      return new Attempt.Started(claim);
    }
    return found.completed()
        ? new Attempt.Completed(Optional.ofNullable(found.answer()))
        : new Attempt.InProgress(found.expires());
  }

  @Override
  public boolean complete(IdempotencyClaim claim, StoredResponse response) {
    Entry done = new Entry(claim.key(), true, claim.owner(), claim.retainUntil(), response);
    return records.computeIfPresent(
            claim.key().hash(), (k, old) -> old.owner().equals(claim.owner()) ? done : old)
        == done;
  }

  @Override
  public boolean release(IdempotencyClaim claim) {
    boolean[] removed = {false};
    records.computeIfPresent(
        claim.key().hash(),
        (k, old) -> {
          if (old.owner().equals(claim.owner()) && !old.completed()) {
            removed[0] = true;
            return null;
          }
          return old;
        });
    return removed[0];
  }

  /** How many records (live or expired but not yet removed) the store holds. */
  public int size() {
    return records.size();
  }

  private void purgeNowAndThen(Instant now) {
    long t = now.toEpochMilli();
    long last = lastPurge.get();
    if (t - last >= PURGE_EVERY_MILLIS && lastPurge.compareAndSet(last, t)) {
      records.values().removeIf(e -> !e.liveAt(now));
    }
  }
}
