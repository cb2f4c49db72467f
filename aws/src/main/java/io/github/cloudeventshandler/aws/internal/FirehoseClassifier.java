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
 * Kinesis Data Firehose transformation invocations: {@code invocationId} and {@code records[]}
 * whose first element has a {@code recordId} (Kinesis Analytics, which also has {@code
 * applicationArn}, is not claimed). Every record needs a {@code recordId} and its data in {@code
 * data} (or {@code kafkaRecordValue} for an MSK source); the reply is one result per record.
 * Records are dispatched {@link Delivery#PER_RECORD}: each gets its own {@code Ok} or {@code
 * ProcessingFailed}. CloudEvent: {@code id} = {@code recordId}, {@code source} = {@code
 * deliveryStreamArn} (else {@code aws:firehose.<region>}), {@code type} = {@code
 * com.amazonaws.firehose.record}, {@code time} = {@code approximateArrivalTimestamp} (epoch ms).
 * Unwrapped payload: the decoded data as {@code application/octet-stream}.
 */
public final class FirehoseClassifier implements EventClassifier {
  static final String KIND = "aws.kinesis.firehose";

  /** The field holding a record's data: {@code data}, or {@code kafkaRecordValue} (MSK source). */
  static String dataField(EventField record) {
    return record.has("kafkaRecordValue") && !record.has("data") ? "kafkaRecordValue" : "data";
  }

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField root = EventFields.root(raw, KIND).orElse(null);
    if (root == null
        || !root.get("invocationId").isString()
        || root.has("applicationArn")
        || !root.get("records").get(0).has("recordId")) {
      return Optional.empty();
    }
    String invocation = root.get("invocationId").optString().orElse(null);
    root = root.withEventId(invocation);
    String source =
        root.get("deliveryStreamArn")
            .optString()
            .orElse(
                "aws:firehose"
                    + root.get("region").optString().map(region -> "." + region).orElse(""));
    List<EventField> array = root.get("records").elements();
    List<EventRecord> records = new ArrayList<>(array.size());
    for (EventField r : array) {
      r.requireObject();
      String id = r.get("recordId").text();
      r = r.withEventId(id);
      byte[] decoded = r.get(dataField(r)).base64();
      CloudEvent event =
          EventAttributes.of(id, source, "com.amazonaws.firehose.record")
              .time(r.get("approximateArrivalTimestamp").optEpochTime(true).orElse(null))
              .build();
      Payload narrowed =
          array.size() == 1
              ? raw.payload(Payload.JSON)
              : NarrowedJson.array(root.jsonObject(), "records", r.json());
      records.add(
          EventRecord.of(
              id, "/" + KIND, event, narrowed, new Payload(EventFields.OCTET_STREAM, decoded)));
    }
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.PER_RECORD,
            LambdaReply.FIREHOSE,
            records,
            raw.payload(Payload.JSON)));
  }
}
