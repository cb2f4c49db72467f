package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Timer trigger invocations: route {@code /azure.timer}, the timer JSON ({@code Schedule}, {@code
 * ScheduleStatus}, {@code IsPastDue}) as the body, the invocation id as the CloudEvent id.
 */
public final class TimerClassifier implements EventClassifier {
  private static final TriggerRecords.Spec SPEC =
      new TriggerRecords.Spec(
          AzureTrigger.TIMER,
          List.of(),
          false,
          List.of(),
          null,
          Map.of(),
          "text/plain; charset=utf-8",
          Delivery.ALL_OR_NOTHING);

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent event) {
    return TriggerRecords.input(event, AzureTrigger.TIMER)
        .map(input -> TriggerRecords.classify(event, input, SPEC));
  }
}
