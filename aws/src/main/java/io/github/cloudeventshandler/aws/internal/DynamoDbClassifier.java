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
 * DynamoDB Streams batches ({@code Records[].eventSource = aws:dynamodb}), dispatched {@link
 * Delivery#ORDERED}; the item id is {@code dynamodb.SequenceNumber}. CloudEvent: {@code id} =
 * {@code eventID}, {@code source} = {@code eventSourceARN}, {@code type} = {@code
 * com.amazonaws.dynamodb.<eventName>} ({@code INSERT}, {@code MODIFY}, {@code REMOVE}), {@code
 * time} = {@code dynamodb.ApproximateCreationDateTime} (epoch seconds). Unwrapped payload: the
 * record's {@code dynamodb} object (keys, images, sequence number) as JSON.
 */
public final class DynamoDbClassifier implements EventClassifier {
  static final String KIND = "aws.dynamodb";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    RecordBatch batch = RecordBatch.find(raw, "eventSource", "aws:dynamodb", KIND);
    if (batch == null) {
      return Optional.empty();
    }
    List<EventRecord> records = new ArrayList<>(batch.records().size());
    for (EventField r : batch.records()) {
      EventField d = r.get("dynamodb");
      String seq = d.get("SequenceNumber").string();
      String id = r.withEventId(seq).get("eventID").string();
      r = r.withEventId(id);
      d = d.withEventId(id);
      String arn = r.get("eventSourceARN").string();
      String name = r.get("eventName").string();
      CloudEvent event =
          EventAttributes.of(id, arn, "com.amazonaws.dynamodb." + name)
              .time(d.get("ApproximateCreationDateTime").optEpochTime(false).orElse(null))
              .build();
      records.add(
          EventRecord.of(
              seq,
              "/" + KIND,
              event,
              batch.nativePayload(records.size()),
              Payload.json(d.requireObject())));
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
