package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon MQ for RabbitMQ ({@code eventSource} {@code aws:rmq}) → {@code POST /aws.rabbitmq}, one
 * request per message of {@code rmqMessagesByQueue} (queue {@code name::vhost} → messages), in map
 * order.
 *
 * <p>Reply: any non-2xx makes the handler throw and the broker redelivers the whole batch — {@link
 * LambdaReply#ASYNC} with all-or-nothing delivery.
 *
 * <p>CloudEvent: id {@code basicProperties.messageId}, or, since publishers often leave it null,
 * {@code sha256:} + the SHA-256 of the message JSON without its {@code redelivered} flag (the same
 * message keeps its id when redelivered); source {@code eventSourceArn}; type {@code
 * com.amazonaws.rabbitmq.message}; subject the queue key ({@code name::vhost}); no time (the
 * recorded {@code basicProperties.timestamp} is a locale-formatted text, not a time stamp).
 * Unwrapped payload: {@code data}, base64-decoded, as {@code application/octet-stream} (event data
 * never sets {@code Content-Type}, {@code docs/architecture.md}, "Security rules"; {@code
 * basicProperties.contentType} stays in the native payload).
 *
 * <pre>{@code
 * ClassifierRegistry.of(new RabbitMqClassifier()).classify(raw).route(); // "/aws.rabbitmq"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} for an event without {@code eventSourceArn} or {@code
 * rmqMessagesByQueue}, an empty batch, or {@code data} that is not base64.
 */
public final class RabbitMqClassifier implements EventClassifier {
  static final String KIND = "aws.rabbitmq";
  static final String ROUTE = "/aws.rabbitmq";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public RabbitMqClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField root = EventFields.root(raw, KIND).orElse(null);
    if (root == null || !root.get("eventSource").is("aws:rmq")) {
      return Optional.empty();
    }
    String source = root.get("eventSourceArn").string();
    EventField byQueue = root.get("rmqMessagesByQueue");
    byQueue.requireObject();
    List<EventRecord> out = new ArrayList<>();
    for (Map.Entry<String, EventField> entry : byQueue.members().entrySet()) {
      String queue = entry.getKey();
      for (EventField message : entry.getValue().elements()) {
        message.requireObject();
        String id =
            message
                .get("basicProperties")
                .get("messageId")
                .optString()
                .orElseGet(() -> FallbackIds.digest(withoutRedelivered(message.requireObject())));
        EventField identified = message.withEventId(id);
        CloudEvent event =
            EventAttributes.of(id, source, "com.amazonaws.rabbitmq.message").subject(queue).build();
        byte[] data = identified.get("data").optBase64().orElse(new byte[0]);
        out.add(
            EventRecord.of(
                null,
                ROUTE,
                event,
                NarrowedJson.mapEntry(
                    root.jsonObject(), "rmqMessagesByQueue", queue, message.json()),
                new Payload(EventFields.OCTET_STREAM, data)));
      }
    }
    if (out.isEmpty()) {
      throw byQueue.missing("holds no message");
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

  private static String withoutRedelivered(JsonObject message) {
    JsonObject copy = message.deepCopy();
    copy.remove("redelivered");
    return copy.toString();
  }
}
