package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
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
    Optional<JsonObject> found =
        EventFields.root(raw)
            .filter(
                r ->
                    EventFields.isString(r, "serialNumber")
                        && EventFields.isString(r, "clickType")
                        && r.has("batteryVoltage"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonObject event = found.get();
    String id = FallbackIds.invocation(raw);
    String where = KIND + " event (id " + id + ")";
    String serial = EventFields.requireString(event, "serialNumber", where);
    String click = EventFields.requireString(event, "clickType", where);
    var attrs =
        EventAttributes.of(where, id, "aws:iot.button", "com.amazonaws.iot.button." + click)
            .subject(serial);
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            List.of(EventRecord.of(null, ROUTE, attrs.build(), whole, whole)),
            whole));
  }
}
