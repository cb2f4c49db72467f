package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Event Hubs trigger batches (cardinality {@code MANY}): one record per event with its entry of
 * {@code SystemPropertiesArray}; route {@code /azure.eventhubs}; CloudEvent id = {@code
 * SequenceNumber} (required), time = {@code EnqueuedTimeUtc}, subject = {@code PartitionKey}.
 * Records go in order and stop at the first failure, which throws: Java functions cannot checkpoint
 * part of a batch, so the whole batch is retried when a retry policy is configured.
 */
public final class EventHubsClassifier implements EventClassifier {
  private static final TriggerRecords.Spec SPEC =
      new TriggerRecords.Spec(
          AzureTrigger.EVENT_HUBS,
          List.of("SequenceNumber", "x-opt-sequence-number"),
          true,
          List.of("EnqueuedTimeUtc", "x-opt-enqueued-time"),
          "PartitionKey",
          Map.of(
              "sequencenumber",
              List.of("SequenceNumber", "x-opt-sequence-number"),
              "partitionkey",
              List.of("PartitionKey", "x-opt-partition-key"),
              "offset",
              List.of("Offset", "x-opt-offset")),
          "text/plain; charset=utf-8",
          Delivery.ORDERED);

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent event) {
    return TriggerRecords.input(event, AzureTrigger.EVENT_HUBS)
        .map(input -> TriggerRecords.classify(event, input, SPEC));
  }
}
