package io.github.cloudeventshandler.core.spi;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcomes of dispatching one classified event, one per record in record order.
 *
 * @param event the event that was dispatched
 * @param outcomes one outcome per record, in order
 */
public record DispatchResult(ClassifiedEvent event, List<RecordOutcome> outcomes) {

  /** Validates and copies. */
  public DispatchResult {
    Objects.requireNonNull(event, "event");
    outcomes = List.copyOf(outcomes);
    if (outcomes.size() != event.records().size()) {
      throw new IllegalArgumentException(
          "one outcome per record: " + outcomes.size() + " for " + event.records().size());
    }
  }

  /** Whether every record was handled. */
  public boolean allHandled() {
    for (RecordOutcome o : outcomes) {
      if (!o.isHandled()) {
        return false;
      }
    }
    return true;
  }

  /** The outcomes that are not {@link RecordOutcome.Handled}, in order. */
  public List<RecordOutcome> unhandled() {
    List<RecordOutcome> unhandled = new ArrayList<>();
    for (RecordOutcome o : outcomes) {
      if (!o.isHandled()) {
        unhandled.add(o);
      }
    }
    return unhandled.isEmpty() ? List.of() : Collections.unmodifiableList(unhandled);
  }

  /** The last response the application gave, if any record got one. */
  public Optional<AppResponse> lastResponse() {
    for (int i = outcomes.size() - 1; i >= 0; i--) {
      RecordOutcome o = outcomes.get(i);
      if (o instanceof RecordOutcome.Handled h) {
        return Optional.of(h.response());
      } else if (o instanceof RecordOutcome.Failed f && f.response() != null) {
        return Optional.of(f.response());
      }
    }
    return Optional.empty();
  }

  /** The first failure's reason, or empty when all were handled. */
  public Optional<String> firstFailureReason() {
    for (RecordOutcome o : outcomes) {
      if (o instanceof RecordOutcome.Failed f) {
        return Optional.of(f.reason());
      } else if (o instanceof RecordOutcome.Skipped s) {
        return Optional.of(s.reason());
      }
    }
    return Optional.empty();
  }
}
