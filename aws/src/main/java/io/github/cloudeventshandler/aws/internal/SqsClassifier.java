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
import io.github.cloudeventshandler.core.spi.TraceContext;
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
    for (EventField r : batch.records()) {
      String id = r.get("messageId").string();
      r = r.withEventId(id);
      String arn = r.get("eventSourceARN").string();
      EventField attributes = r.get("attributes");
      fifo |= arn.endsWith(".fifo") || attributes.get("MessageGroupId").isPresent();
      EventField trace = attributes.get("AWSTraceHeader");
      CloudEvent event =
          EventAttributes.of(id, arn, "com.amazonaws.sqs.message")
              .time(attributes.get("SentTimestamp").optEpochTime(true).orElse(null))
              .trace(TraceContext.fromXray(trace.isString() ? trace.string() : null))
              .build();
      String body = r.get("body").optStringOrEmpty().orElse("");
      Payload unwrapped = new Payload(TEXT, body.getBytes(StandardCharsets.UTF_8));
      records.add(
          EventRecord.of(id, "/" + KIND, event, batch.nativePayload(records.size()), unwrapped));
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
