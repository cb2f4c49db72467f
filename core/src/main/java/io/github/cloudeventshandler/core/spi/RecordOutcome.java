package io.github.cloudeventshandler.core.spi;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import java.util.Objects;

/**
 * What happened to one record. Per-record failures are values, not exceptions.
 *
 * <pre>{@code
 * switch (outcome) {
 *   case RecordOutcome.Handled h -> ...;
 *   case RecordOutcome.Failed f -> report(f.record().itemId());
 *   case RecordOutcome.Skipped s -> report(s.record().itemId());
 * }
 * }</pre>
 */
public sealed interface RecordOutcome
    permits RecordOutcome.Handled, RecordOutcome.Failed, RecordOutcome.Skipped {

  /** The record this outcome is for. */
  EventRecord record();

  /** Whether the record counts as handled (the application answered 2xx). */
  default boolean isHandled() {
    return this instanceof Handled;
  }

  /**
   * The application answered 2xx.
   *
   * @param record the record
   * @param response the application's answer
   */
  record Handled(EventRecord record, AppResponse response) implements RecordOutcome {
    /** Validates. */
    public Handled {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(response, "response");
    }
  }

  /**
   * The application answered non-2xx, or could not be reached.
   *
   * @param record the record
   * @param response the application's answer, or null when there was none
   * @param reason why, for logs and for platforms that carry a reason (CloudFormation)
   */
  record Failed(EventRecord record, AppResponse response, String reason) implements RecordOutcome {
    /** Validates. */
    public Failed {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The record was not dispatched because an earlier one failed and order or atomicity forbids
   * going on; it is reported as not handled.
   *
   * @param record the record
   * @param reason why it was skipped
   */
  record Skipped(EventRecord record, String reason) implements RecordOutcome {
    /** Validates. */
    public Skipped {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
