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
import io.github.cloudeventshandler.core.TraceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQS batches ({@code Records[].eventSource = aws:sqs}). Each message is one record whose item id
 * is its {@code messageId}; a message without one fails the whole batch. A FIFO queue ({@code
 * attributes.MessageGroupId} present, or a queue ARN ending in {@code .fifo}) is dispatched {@link
 * Delivery#ORDERED}, a standard queue {@link Delivery#PER_RECORD}. CloudEvent: {@code id} = {@code
 * messageId}, {@code source} = {@code eventSourceARN}, {@code type} = {@code
 * com.amazonaws.sqs.message}, {@code time} = {@code attributes.SentTimestamp}, distributed-tracing
 * extension = {@code attributes.AWSTraceHeader} converted to W3C. Unwrapped payload: {@code body}
 * as {@code text/plain; charset=utf-8}.
 */
public final class SqsClassifier implements EventClassifier {
  static final String KIND = "aws.sqs";
  private static final String TEXT = "text/plain; charset=utf-8";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    RecordBatch batch = RecordBatch.find(raw, "eventSource", "aws:sqs", KIND);
    if (batch == null) {
      return Optional.empty();
    }
    boolean fifo = false;
    List<EventRecord> records = new ArrayList<>(batch.records().size());
    for (int i = 0; i < batch.records().size(); i++) {
      JsonObject r = batch.records().get(i);
      String at = "Records[" + i + "]";
      String id =
          EventFields.require(EventFields.string(r, "messageId"), KIND, at + ".messageId", null);
      String arn =
          EventFields.require(
              EventFields.string(r, "eventSourceARN"), KIND, at + ".eventSourceARN", id);
      fifo |=
          arn.endsWith(".fifo") || EventFields.string(r, "attributes", "MessageGroupId") != null;
      CloudEventBuilder ce =
          CloudEventBuilder.v1()
              .withId(id)
              .withSource(EventFields.uri(arn, KIND, at + ".eventSourceARN", id))
              .withType("com.amazonaws.sqs.message")
              .withDataContentType(Payload.JSON)
              .withTime(
                  EventTimes.epochTime(
                      EventFields.object(r, "attributes"),
                      "SentTimestamp",
                      true,
                      KIND,
                      at + ".attributes.SentTimestamp",
                      id));
      TraceContext.fromXray(EventFields.string(r, "attributes", "AWSTraceHeader"))
          .ifPresent(t -> t.addTo(ce));
      String body = EventFields.string(r, "body");
      Payload unwrapped =
          new Payload(TEXT, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
      records.add(EventRecord.of(id, "/" + KIND, ce.build(), batch.nativePayload(i), unwrapped));
    }
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            fifo ? Delivery.ORDERED : Delivery.PER_RECORD,
            LambdaReply.BATCH_ITEM_FAILURES,
            records,
            batch.whole()));
  }
}
