package io.github.cloudeventshandler.aws.internal;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.List;
import java.util.Optional;

/**
 * AWS IoT button presses ({@code serialNumber}, {@code clickType}, {@code batteryVoltage}) → {@code
 * POST /aws.iot}, one request; asynchronous.
 *
 * <p>CloudEvent: id the Lambda request id (the press carries no id; Lambda keeps the request id
 * across retries), source {@code aws:iot.button}, type {@code com.amazonaws.iot.button.} + {@code
 * clickType} ({@code SINGLE}, {@code DOUBLE}, {@code LONG}), subject {@code serialNumber}; no time.
 * Both payload modes send the event as it is. Kind {@code aws.iot.button}.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new IotButtonClassifier()).classify(raw).route(); // "/aws.iot"
 * }</pre>
 */
public final class IotButtonClassifier implements EventClassifier {
  static final String KIND = "aws.iot.button";
  static final String ROUTE = "/aws.iot";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public IotButtonClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField event = EventFields.root(raw, KIND).orElse(null);
    if (event == null
        || !event.get("serialNumber").isString()
        || !event.get("clickType").isString()
        || !event.has("batteryVoltage")) {
      return Optional.empty();
    }
    String id = FallbackIds.invocation(raw);
    event = event.withEventId(id);
    CloudEvent ce =
        EventAttributes.of(
                id, "aws:iot.button", "com.amazonaws.iot.button." + event.get("clickType").string())
            .subject(event.get("serialNumber").string())
            .build();
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, ROUTE, ce, whole, whole)),
            whole));
  }
}
