package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Amazon MQ for ActiveMQ ({@code eventSource} {@code aws:mq}, or {@code aws:amq} as recorded events
 * spell it) → {@code POST /aws.mq}, one request per message of {@code messages[]}.
 *
 * <p>Reply: any non-2xx makes the handler throw; Lambda then returns the whole batch to the broker
 * for redelivery (Amazon MQ event source mappings have no partial batch response) — {@link
 * LambdaReply#ASYNC} with all-or-nothing delivery.
 *
 * <p>CloudEvent: id {@code messageID}, source {@code eventSourceArn}, type {@code
 * com.amazonaws.mq.message}, time {@code timestamp} (epoch ms), subject {@code
 * destination.physicalname}. Unwrapped payload: {@code data}, base64-decoded, as {@code text/plain;
 * charset=utf-8} for {@code jms/text-message} and {@code application/octet-stream} otherwise.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new AmazonMqClassifier()).classify(raw).route(); // "/aws.mq"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} for a message without {@code messageID}, an event without
 * {@code eventSourceArn} or {@code messages}, or {@code data} that is not base64.
 */
public final class AmazonMqClassifier implements EventClassifier {
  static final String KIND = "aws.mq";
  static final String ROUTE = "/aws.mq";
  private static final String TEXT = "text/plain; charset=utf-8";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public AmazonMqClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    Optional<JsonObject> found =
        EventFields.root(raw)
            .filter(
                r ->
                    EventFields.hasString(r, "eventSource", "aws:mq")
                        || EventFields.hasString(r, "eventSource", "aws:amq"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonObject root = found.get();
    String where = KIND + " event";
    String source = EventFields.requireString(root, "eventSourceArn", where);
    JsonArray messages = EventFields.requireArray(root, "messages", where);
    List<EventRecord> out = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      String at = where + " messages[" + i + "]";
      JsonObject message = EventFields.element(messages, i, at);
      String id = EventFields.requireString(message, "messageID", at);
      at = at + " (messageID " + id + ")";
      var attrs = EventAttributes.of(at, id, source, "com.amazonaws.mq.message");
      if (message.has("timestamp") && !message.get("timestamp").isJsonNull()) {
        attrs.time(EventTimes.epochMillis(message.get("timestamp"), at, "timestamp"));
      }
      EventFields.optObject(message, "destination")
          .flatMap(d -> EventFields.optString(d, "physicalname"))
          .ifPresent(attrs::subject);
      byte[] data =
          EventFields.optString(message, "data")
              .map(d -> EventFields.base64(d, KIND + " message " + id, "data"))
              .orElse(new byte[0]);
      String type =
          EventFields.hasString(message, "messageType", "jms/text-message")
              ? TEXT
              : EventFields.OCTET_STREAM;
      out.add(
          EventRecord.of(
              null,
              ROUTE,
              attrs.build(),
              NarrowedJson.array(root, "messages", message),
              new Payload(type, data)));
    }
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            out,
            raw.payload(Payload.JSON)));
  }
}
