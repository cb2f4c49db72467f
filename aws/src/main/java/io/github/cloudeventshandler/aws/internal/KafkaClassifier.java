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
import java.util.Map;
import java.util.Optional;

/**
 * Apache Kafka through a Lambda event source mapping, Amazon MSK ({@code eventSource} {@code
 * aws:kafka}) and self-managed ({@code SelfManagedKafka}) → {@code POST /aws.kafka}, one request
 * per Kafka record, in the order of the {@code records} map (topic-partition → records).
 *
 * <p>Reply: any non-2xx makes the handler throw, so Lambda retries the whole batch (and splits it
 * when "split batch on error" is on) — {@link LambdaReply#ASYNC} with all-or-nothing delivery: at
 * the first failure the rest of the batch is not sent, since it will all come again. Kafka event
 * source mappings in provisioned mode can also take a partial batch response, but its item
 * identifier is not a single string id like SQS's, so it is not used here.
 *
 * <p>CloudEvent: id {@code topic:partition:offset}, source {@code eventSourceArn} (MSK) or {@code
 * kafka://} + the first of {@code bootstrapServers} (self-managed), type {@code
 * com.amazonaws.kafka.record}, time {@code timestamp} (epoch ms), subject {@code topic}. Unwrapped
 * payload: the record's {@code value}, base64-decoded, as {@code application/octet-stream} (event
 * data never sets {@code Content-Type}, {@code docs/architecture.md}, "Security rules"; a Kafka
 * {@code content-type} header stays in the native payload).
 *
 * <pre>{@code
 * ClassifierRegistry.of(new KafkaClassifier()).classify(raw).route(); // "/aws.kafka"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} for a record without {@code topic}, {@code partition} or
 * {@code offset}, a {@code value} that is not base64, or a missing {@code records} map.
 */
public final class KafkaClassifier implements EventClassifier {
  static final String KIND = "aws.kafka";
  static final String ROUTE = "/aws.kafka";

  /**
   * The {@code eventSource} spellings AWS documents: {@code aws:kafka} (Amazon MSK), {@code
   * SelfManagedKafka} (self-managed, as Lambda sends it today) and {@code aws:SelfManagedKafka} (in
   * AWS's earlier self-managed example event and in the aws-lambda-events reference).
   */
  static final List<String> EVENT_SOURCES =
      List.of("aws:kafka", "SelfManagedKafka", "aws:SelfManagedKafka");

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public KafkaClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField root = EventFields.root(raw, KIND).orElse(null);
    if (root == null || EVENT_SOURCES.stream().noneMatch(root.get("eventSource")::is)) {
      return Optional.empty();
    }
    String source = root.get("eventSourceArn").optString().orElseGet(() -> selfManagedSource(root));
    EventField byPartition = root.get("records");
    byPartition.requireObject();
    List<EventRecord> out = new ArrayList<>();
    for (Map.Entry<String, EventField> entry : byPartition.members().entrySet()) {
      for (EventField record : entry.getValue().elements()) {
        record.requireObject();
        String topic = record.get("topic").string();
        long partition = record.get("partition").integer();
        long offset = record.get("offset").integer();
        String id = topic + ":" + partition + ":" + offset;
        record = record.withEventId(id);
        CloudEvent event =
            EventAttributes.of(id, source, "com.amazonaws.kafka.record")
                .subject(topic)
                .time(record.get("timestamp").optEpochTime(true).orElse(null))
                .build();
        byte[] value = record.get("value").optBase64().orElse(new byte[0]);
        out.add(
            EventRecord.of(
                null,
                ROUTE,
                event,
                NarrowedJson.mapEntry(root.jsonObject(), "records", entry.getKey(), record.json()),
                new Payload(EventFields.OCTET_STREAM, value)));
      }
    }
    if (out.isEmpty()) {
      throw byPartition.missing("holds no record");
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

  private static String selfManagedSource(EventField root) {
    EventField field = root.get("bootstrapServers");
    String servers = field.string();
    String first = servers.split(",", -1)[0].trim();
    if (first.isEmpty()) {
      throw field.invalid("names no server: " + EventField.quote(servers));
    }
    return "kafka://" + first;
  }
}
