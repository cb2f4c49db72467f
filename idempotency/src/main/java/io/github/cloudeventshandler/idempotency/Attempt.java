package io.github.cloudeventshandler.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What {@link IdempotencyStore#begin} found for an event: the three ways a delivery can go. */
public sealed interface Attempt {
  /** No live record: this delivery now holds the event and runs the app. */
  record Started(IdempotencyClaim claim) implements Attempt {
    /** Validates. */
    public Started {
      Objects.requireNonNull(claim, "claim");
    }
  }

  /** Another delivery holds the event until {@code until}: this one must not run the app. */
  record InProgress(Instant until) implements Attempt {
    /** Validates. */
    public InProgress {
      Objects.requireNonNull(until, "until");
    }
  }

  /**
   * The event was handled. {@code response} is the first 2xx answer, or empty when the app marked
   * the event completed inside its own transaction and the answer was never stored (the attempt
   * stopped between its commit and the filter's write, or answered non-2xx after committing).
   */
  record Completed(Optional<StoredResponse> response) implements Attempt {
    /** Validates. */
    public Completed {
      Objects.requireNonNull(response, "response");
    }
  }
}
