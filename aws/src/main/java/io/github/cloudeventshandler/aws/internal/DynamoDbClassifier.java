package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.cloudevents.core.builder.CloudEventBuilder;
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
    for (int i = 0; i < batch.records().size(); i++) {
      JsonObject r = batch.records().get(i);
      String at = "Records[" + i + "]";
      JsonObject d = EventFields.object(r, "dynamodb");
      String seq =
          EventFields.require(
              EventFields.string(d, "SequenceNumber"), KIND, at + ".dynamodb.SequenceNumber", null);
      String id = EventFields.require(EventFields.string(r, "eventID"), KIND, at + ".eventID", seq);
      String arn =
          EventFields.require(
              EventFields.string(r, "eventSourceARN"), KIND, at + ".eventSourceARN", id);
      String name =
          EventFields.require(EventFields.string(r, "eventName"), KIND, at + ".eventName", id);
      CloudEventBuilder ce =
          CloudEventBuilder.v1()
              .withId(id)
              .withSource(EventFields.uri(arn, KIND, at + ".eventSourceARN", id))
              .withType("com.amazonaws.dynamodb." + name)
              .withDataContentType(Payload.JSON)
              .withTime(
                  EventTimes.epochTime(
                      d,
                      "ApproximateCreationDateTime",
                      false,
                      KIND,
                      at + ".dynamodb.ApproximateCreationDateTime",
                      id));
      records.add(
          EventRecord.of(seq, "/" + KIND, ce.build(), batch.nativePayload(i), Payload.json(d)));
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
