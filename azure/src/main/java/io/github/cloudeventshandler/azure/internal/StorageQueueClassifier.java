package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage Queue trigger messages ({@code @QueueTrigger}): route {@code /azure.storage.queue},
 * CloudEvent id = the message {@code Id} (required), time = {@code InsertionTime}, extension {@code
 * dequeuecount}. A failure throws, so the message becomes visible again and goes to {@code
 * <queue>-poison} after five attempts.
 */
public final class StorageQueueClassifier implements EventClassifier {
  private static final TriggerRecords.Spec SPEC =
      new TriggerRecords.Spec(
          AzureTrigger.STORAGE_QUEUE,
          List.of("Id"),
          true,
          List.of("InsertionTime"),
          null,
          Map.of("dequeuecount", List.of("DequeueCount")),
          "text/plain; charset=utf-8",
          Delivery.ALL_OR_NOTHING);

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent event) {
    return TriggerRecords.input(event, AzureTrigger.STORAGE_QUEUE)
        .map(input -> TriggerRecords.classify(event, input, SPEC));
  }
}
