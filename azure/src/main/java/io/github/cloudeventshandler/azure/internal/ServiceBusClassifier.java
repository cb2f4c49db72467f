package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service Bus queue and topic trigger messages: route {@code /azure.servicebus}, CloudEvent id =
 * {@code MessageId} (required), time = {@code EnqueuedTimeUtc}, subject = {@code Subject},
 * extension {@code deliverycount}. A failure throws, so the message is abandoned, redelivered and
 * finally dead-lettered after the entity's {@code MaxDeliveryCount}.
 */
public final class ServiceBusClassifier implements EventClassifier {
  private static final TriggerRecords.Spec SPEC =
      new TriggerRecords.Spec(
          AzureTrigger.SERVICE_BUS,
          List.of("MessageId"),
          true,
          List.of("EnqueuedTimeUtc"),
          "Subject",
          Map.of("deliverycount", List.of("DeliveryCount")),
          "text/plain; charset=utf-8",
          Delivery.ALL_OR_NOTHING);

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent event) {
    return TriggerRecords.input(event, AzureTrigger.SERVICE_BUS)
        .map(input -> TriggerRecords.classify(event, input, SPEC));
  }
}
