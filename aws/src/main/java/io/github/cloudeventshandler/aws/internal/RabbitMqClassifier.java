package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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
    Optional<JsonObject> found =
        EventFields.root(raw).filter(r -> EventFields.hasString(r, "eventSource", "aws:rmq"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonObject root = found.get();
    String where = KIND + " event";
    String source = EventFields.requireString(root, "eventSourceArn", where);
    JsonObject byQueue = EventFields.requireObject(root, "rmqMessagesByQueue", where);
    List<EventRecord> out = new ArrayList<>();
    for (Map.Entry<String, JsonElement> entry : byQueue.entrySet()) {
      String queue = entry.getKey();
      if (!entry.getValue().isJsonArray()) {
        throw EventFields.invalid(where, "rmqMessagesByQueue." + queue, "must be an array");
      }
      JsonArray messages = entry.getValue().getAsJsonArray();
      for (int i = 0; i < messages.size(); i++) {
        String at = where + " rmqMessagesByQueue[\"" + queue + "\"][" + i + "]";
        JsonObject message = EventFields.element(messages, i, at);
        Optional<JsonObject> props = EventFields.optObject(message, "basicProperties");
        String id =
            props
                .flatMap(p -> EventFields.optString(p, "messageId"))
                .orElseGet(() -> FallbackIds.digest(withoutRedelivered(message)));
        at = at + " (id " + id + ")";
        var attrs =
            EventAttributes.of(at, id, source, "com.amazonaws.rabbitmq.message").subject(queue);
        byte[] data =
            EventFields.optString(message, "data")
                .map(d -> EventFields.base64(d, KIND + " message " + id, "data"))
                .orElse(new byte[0]);
        out.add(
            EventRecord.of(
                null,
                ROUTE,
                attrs.build(),
                NarrowedJson.mapEntry(root, "rmqMessagesByQueue", queue, message),
                new Payload(EventFields.OCTET_STREAM, data)));
      }
    }
    if (out.isEmpty()) {
      throw EventFields.missing(where, "rmqMessagesByQueue[…][0]");
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
