package io.github.cloudeventshandler.core.classifier;

import io.github.cloudeventshandler.core.BadEventException;
import java.util.Optional;

/**
 * Recognises one event source. Implementations are discovered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.github.cloudeventshandler.core.classifier.EventClassifier}); one
 * small class per source owns that source's field names and magic strings.
 *
 * <p>Contract: return {@link Optional#empty()} for "not mine" and never throw for that. Throw
 * {@link BadEventException} only when the input claims to be this source and is broken (a record
 * without its id, bad base64, ...). Classifiers do not log and keep no state.
 *
 * <pre>{@code
 * public final class SqsClassifier implements EventClassifier {
 *   public Optional<ClassifiedEvent> classify(RawEvent raw) {
 *     if (!raw.provider().equals(RawEvent.AWS) || !raw.looksLikeJson()) return Optional.empty();
 *     ...
 *   }
 * }
 * }</pre>
 */
public interface EventClassifier {

  /**
   * Looks at a raw event.
   *
   * @return the classification, or empty when the event is not of this source
   * @throws BadEventException when the event is of this source but broken
   */
  Optional<ClassifiedEvent> classify(RawEvent event);

  /**
   * Where this classifier stands in the registry: lower runs first; ties are broken by class name,
   * so the order is deterministic. Specific sources use the default 100; generic ones (plain
   * CloudEvents, fallbacks) use higher numbers so specific ones get the first look.
   */
  default int priority() {
    return 100;
  }
}
