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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SNS notifications delivered to Lambda ({@code Records[].EventSource = aws:sns}), mapped as the
 * CloudEvents AWS SNS adapter says: {@code id} = {@code MessageId}, {@code source} = the
 * subscription ARN ({@code EventSubscriptionArn}, else {@code TopicArn}), {@code type} = {@code
 * com.amazonaws.sns.<Type>}, {@code subject} = {@code Subject} when present, {@code time} = {@code
 * Timestamp}. Unwrapped payload: {@code Message} as {@code text/plain; charset=utf-8}.
 */
public final class SnsClassifier implements EventClassifier {
  static final String KIND = "aws.sns";
  private static final String TEXT = "text/plain; charset=utf-8";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    RecordBatch batch = RecordBatch.find(raw, "EventSource", "aws:sns", KIND);
    if (batch == null) {
      return Optional.empty();
    }
    List<EventRecord> records = new ArrayList<>(batch.records().size());
    for (EventField r : batch.records()) {
      r.get("Sns").requireObject();
      String id = r.get("Sns").get("MessageId").string();
      EventField record = r.withEventId(id);
      EventField sns = record.get("Sns");
      String source =
          record
              .get("EventSubscriptionArn")
              .optString()
              .orElseGet(() -> sns.get("TopicArn").string());
      CloudEvent event =
          EventAttributes.of(id, source, "com.amazonaws.sns." + sns.get("Type").string())
              .time(sns.get("Timestamp").optTime().orElse(null))
              .subject(sns.get("Subject").optString().orElse(null))
              .build();
      String message = sns.get("Message").optStringOrEmpty().orElse("");
      Payload unwrapped = new Payload(TEXT, message.getBytes(StandardCharsets.UTF_8));
      records.add(
          EventRecord.of(null, "/" + KIND, event, batch.nativePayload(records.size()), unwrapped));
    }
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            records,
            batch.whole()));
  }
}
