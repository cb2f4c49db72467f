package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.Optional;

/**
 * Where the AWS classifiers of this package start reading an event: the root {@link EventField} of
 * an AWS JSON object (every field read then goes through {@link EventField}, in its one message
 * style), plus the route segment check of the sources whose route comes from the event. Not part of
 * the public API.
 */
final class EventFields {
  private EventFields() {}

  /** {@code application/octet-stream}. */
  public static final String OCTET_STREAM = "application/octet-stream";

  /**
   * The root of the body when it is an AWS JSON object, or empty when it is not (not AWS, not JSON,
   * not an object): then the event is not the classifier's.
   *
   * @param kind the classifier's kind, which messages name as the source
   */
  public static Optional<EventField> root(RawEvent raw, String kind) {
    if (!RawEvent.AWS.equals(raw.provider()) || !raw.looksLikeJson()) {
      return Optional.empty();
    }
    EventField root = EventField.root(raw.json(), RawEvent.AWS, kind);
    return root.isObject() ? Optional.of(root) : Optional.empty();
  }
}
