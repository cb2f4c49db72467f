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
    for (int i = 0; i < batch.records().size(); i++) {
      JsonObject r = batch.records().get(i);
      String at = "Records[" + i + "]";
      JsonObject k = EventFields.object(r, "kinesis");
      String seq =
          EventFields.require(
              EventFields.string(k, "sequenceNumber"), KIND, at + ".kinesis.sequenceNumber", null);
      String id = EventFields.require(EventFields.string(r, "eventID"), KIND, at + ".eventID", seq);
      String arn =
          EventFields.require(
              EventFields.string(r, "eventSourceARN"), KIND, at + ".eventSourceARN", id);
      String data =
          EventFields.require(EventFields.string(k, "data"), KIND, at + ".kinesis.data", id);
      byte[] decoded = EventFields.base64At(data, KIND, at + ".kinesis.data", id);
      CloudEventBuilder ce =
          CloudEventBuilder.v1()
              .withId(id)
              .withSource(EventFields.uri(arn, KIND, at + ".eventSourceARN", id))
              .withType("com.amazonaws.kinesis.record")
              .withDataContentType(Payload.JSON)
              .withTime(
                  EventTimes.epochTime(
                      k,
                      "approximateArrivalTimestamp",
                      false,
                      KIND,
                      at + ".kinesis.approximateArrivalTimestamp",
                      id));
      String key = EventFields.string(k, "partitionKey");
      if (key != null) {
        ce.withSubject(key);
      }
      records.add(
          EventRecord.of(
              seq,
              "/" + KIND,
              ce.build(),
              batch.nativePayload(i),
              new Payload("application/octet-stream", decoded)));
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
