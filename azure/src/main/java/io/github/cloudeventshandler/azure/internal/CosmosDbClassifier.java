package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cosmos DB change-feed trigger batches: one record per changed document, in order; route {@code
 * /azure.cosmosdb}; CloudEvent id and subject = the document's {@code id}. The first failure stops
 * the batch and throws, so the lease does not advance (with a retry policy the batch comes again).
 */
public final class CosmosDbClassifier implements EventClassifier {
  private static final TriggerRecords.Spec SPEC =
      new TriggerRecords.Spec(
          AzureTrigger.COSMOS_DB,
          List.of("id"),
          false,
          List.of(),
          "id",
          Map.of(),
          "text/plain; charset=utf-8",
          Delivery.ORDERED);

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent event) {
    return TriggerRecords.input(event, AzureTrigger.COSMOS_DB)
        .map(input -> TriggerRecords.classify(event, input, SPEC));
  }
}
