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

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public KafkaClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    Optional<JsonObject> found =
        EventFields.root(raw)
            .filter(
                r ->
                    EventFields.hasString(r, "eventSource", "aws:kafka")
                        || EventFields.hasString(r, "eventSource", "SelfManagedKafka"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonObject root = found.get();
    String where = KIND + " event";
    String source =
        EventFields.optString(root, "eventSourceArn")
            .orElseGet(() -> selfManagedSource(root, where));
    JsonObject byPartition = EventFields.requireObject(root, "records", where);
    List<EventRecord> out = new ArrayList<>();
    for (Map.Entry<String, JsonElement> entry : byPartition.entrySet()) {
      String list = where + " records[\"" + entry.getKey() + "\"]";
      if (!entry.getValue().isJsonArray()) {
        throw EventFields.invalid(where, "records." + entry.getKey(), "must be an array");
      }
      JsonArray records = entry.getValue().getAsJsonArray();
      for (int i = 0; i < records.size(); i++) {
        String at = list + "[" + i + "]";
        JsonObject record = EventFields.element(records, i, at);
        String topic = EventFields.requireString(record, "topic", at);
        String partition = EventFields.requireInteger(record, "partition", at);
        String offset = EventFields.requireInteger(record, "offset", at);
        String id = topic + ":" + partition + ":" + offset;
        at = at + " (" + id + ")";
        var attrs = EventAttributes.of(at, id, source, "com.amazonaws.kafka.record").subject(topic);
        if (record.has("timestamp") && !record.get("timestamp").isJsonNull()) {
          attrs.time(EventTimes.epochMillis(record.get("timestamp"), at, "timestamp"));
        }
        byte[] value =
            EventFields.optString(record, "value")
                .map(v -> EventFields.base64(v, KIND + " record " + id, "value"))
                .orElse(new byte[0]);
        out.add(
            EventRecord.of(
                null,
                ROUTE,
                attrs.build(),
                NarrowedJson.mapEntry(root, "records", entry.getKey(), record),
                new Payload(EventFields.OCTET_STREAM, value)));
      }
    }
    if (out.isEmpty()) {
      throw EventFields.missing(where, "records[…][0]");
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

  private static String selfManagedSource(JsonObject root, String where) {
    String servers = EventFields.requireString(root, "bootstrapServers", where);
    String first = servers.split(",", -1)[0].trim();
    if (first.isEmpty()) {
      throw EventFields.invalid(where, "bootstrapServers", "names no server: '" + servers + "'");
    }
    return "kafka://" + first;
  }
}
