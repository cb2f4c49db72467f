package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blob trigger invocations: route {@code /azure.storage.blob}, subject = the blob {@code Name},
 * extension {@code bloburi}, the blob's bytes as the body. A failure throws, so the blob is retried
 * and finally reported to {@code webjobs-blobtrigger-poison}.
 */
public final class BlobClassifier implements EventClassifier {
  private static final TriggerRecords.Spec SPEC =
      new TriggerRecords.Spec(
          AzureTrigger.BLOB,
          List.of("ETag"),
          false,
          List.of("LastModified"),
          "Name",
          Map.of("bloburi", List.of("Uri")),
          "application/octet-stream",
          Delivery.ALL_OR_NOTHING);

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent event) {
    return TriggerRecords.input(event, AzureTrigger.BLOB)
        .map(input -> TriggerRecords.classify(event, input, SPEC));
  }
}
