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
    for (int i = 0; i < batch.records().size(); i++) {
      JsonObject r = batch.records().get(i);
      String at = "Records[" + i + "]";
      JsonObject sns = EventFields.object(r, "Sns");
      if (sns == null) {
        throw EventFields.missingAt(KIND, at + ".Sns", null);
      }
      String id =
          EventFields.require(
              EventFields.string(sns, "MessageId"), KIND, at + ".Sns.MessageId", null);
      String source = EventFields.string(r, "EventSubscriptionArn");
      String sourceField = at + ".EventSubscriptionArn";
      if (source == null || source.isEmpty()) {
        source =
            EventFields.require(
                EventFields.string(sns, "TopicArn"), KIND, at + ".Sns.TopicArn", id);
        sourceField = at + ".Sns.TopicArn";
      }
      String type =
          EventFields.require(EventFields.string(sns, "Type"), KIND, at + ".Sns.Type", id);
      CloudEventBuilder ce =
          CloudEventBuilder.v1()
              .withId(id)
              .withSource(EventFields.uri(source, KIND, sourceField, id))
              .withType("com.amazonaws.sns." + type)
              .withDataContentType(Payload.JSON)
              .withTime(
                  EventTimes.isoTime(
                      EventFields.string(sns, "Timestamp"), KIND, at + ".Sns.Timestamp", id));
      String subject = EventFields.string(sns, "Subject");
      if (subject != null) {
        ce.withSubject(subject);
      }
      String message = EventFields.string(sns, "Message");
      Payload unwrapped =
          new Payload(
              TEXT, message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8));
      records.add(EventRecord.of(null, "/" + KIND, ce.build(), batch.nativePayload(i), unwrapped));
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
