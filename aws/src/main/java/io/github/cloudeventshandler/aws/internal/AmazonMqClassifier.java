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
    EventField root = EventFields.root(raw, KIND).orElse(null);
    if (root == null
        || !(root.get("eventSource").is("aws:mq") || root.get("eventSource").is("aws:amq"))) {
      return Optional.empty();
    }
    String source = root.get("eventSourceArn").string();
    List<EventField> messages = root.get("messages").requireElements();
    List<EventRecord> out = new ArrayList<>(messages.size());
    for (EventField message : messages) {
      message.requireObject();
      String id = message.get("messageID").string();
      message = message.withEventId(id);
      CloudEvent event =
          EventAttributes.of(id, source, "com.amazonaws.mq.message")
              .time(message.get("timestamp").optEpochTime(true).orElse(null))
              .subject(message.get("destination").get("physicalname").optString().orElse(null))
              .build();
      byte[] data = message.get("data").optBase64().orElse(new byte[0]);
      String type =
          message.get("messageType").is("jms/text-message") ? TEXT : EventFields.OCTET_STREAM;
      out.add(
          EventRecord.of(
              null,
              ROUTE,
              event,
              NarrowedJson.array(root.jsonObject(), "messages", message.json()),
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
