package io.github.cloudeventshandler.aws.internal;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Amazon SES email receiving ({@code Records[].eventSource} {@code aws:ses}) → {@code POST
 * /aws.ses}, one request per record; asynchronous, so any non-2xx makes Lambda retry.
 *
 * <p>CloudEvent: id {@code ses.mail.messageId}, source {@code aws:ses}, type {@code
 * com.amazonaws.ses.emailReceived}, time {@code ses.mail.timestamp}, subject the first {@code
 * ses.mail.destination}. Unwrapped payload: the record's {@code ses} object.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new SesClassifier()).classify(raw).route(); // "/aws.ses"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} for a record without {@code ses.mail.messageId} or with a
 * batch mixing event sources.
 */
public final class SesClassifier implements EventClassifier {
  static final String KIND = "aws.ses";
  static final String ROUTE = "/aws.ses";
  private static final String EVENT_SOURCE = "aws:ses";
  private static final String TYPE = "com.amazonaws.ses.emailReceived";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public SesClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    RecordBatch batch = RecordBatch.find(raw, "eventSource", EVENT_SOURCE, KIND);
    if (batch == null) {
      return Optional.empty();
    }
    List<EventRecord> out = new ArrayList<>(batch.records().size());
    for (EventField record : batch.records()) {
      EventField ses = record.get("ses");
      ses.requireObject();
      ses.get("mail").requireObject();
      String id = ses.get("mail").get("messageId").string();
      EventField mail = ses.withEventId(id).get("mail");
      EventField destination = mail.get("destination").get(0);
      CloudEvent event =
          EventAttributes.of(id, "aws:ses", TYPE)
              .time(mail.get("timestamp").optTime().orElse(null))
              .subject(destination.isString() ? destination.optString().orElse(null) : null)
              .build();
      out.add(
          EventRecord.of(
              null, ROUTE, event, batch.nativePayload(out.size()), NarrowedJson.of(ses.json())));
    }
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS, KIND, Delivery.ALL_OR_NOTHING, LambdaReply.ASYNC, out, batch.whole()));
  }
}
