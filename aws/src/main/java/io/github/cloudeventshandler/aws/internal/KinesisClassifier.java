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
 * Kinesis Data Streams batches ({@code Records[].eventSource = aws:kinesis}), dispatched {@link
 * Delivery#ORDERED}; the item id is {@code kinesis.sequenceNumber}. CloudEvent: {@code id} = {@code
 * eventID}, {@code source} = {@code eventSourceARN}, {@code type} = {@code
 * com.amazonaws.kinesis.record}, {@code subject} = {@code kinesis.partitionKey}, {@code time} =
 * {@code kinesis.approximateArrivalTimestamp} (epoch seconds). Unwrapped payload: {@code
 * kinesis.data} base64-decoded, as {@code application/octet-stream}; malformed base64 fails the
 * batch.
 */
public final class KinesisClassifier implements EventClassifier {
  static final String KIND = "aws.kinesis";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    RecordBatch batch = RecordBatch.find(raw, "eventSource", "aws:kinesis", KIND);
    if (batch == null) {
      return Optional.empty();
    }
    List<EventRecord> records = new ArrayList<>(batch.records().size());
    for (EventField r : batch.records()) {
      EventField k = r.get("kinesis");
      String seq = k.get("sequenceNumber").string();
      String id = r.withEventId(seq).get("eventID").string();
      r = r.withEventId(id);
      k = k.withEventId(id);
      String arn = r.get("eventSourceARN").string();
      byte[] decoded = k.get("data").base64();
      CloudEvent event =
          EventAttributes.of(id, arn, "com.amazonaws.kinesis.record")
              .time(k.get("approximateArrivalTimestamp").optEpochTime(false).orElse(null))
              .subject(k.get("partitionKey").optString().orElse(null))
              .build();
      records.add(
          EventRecord.of(
              seq,
              "/" + KIND,
              event,
              batch.nativePayload(records.size()),
              new Payload(EventFields.OCTET_STREAM, decoded)));
    }
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.ORDERED,
            LambdaReply.BATCH_ITEM_FAILURES,
            records,
            batch.whole()));
  }
}
