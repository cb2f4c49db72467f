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
 * AWS CodeCommit repository triggers ({@code Records[].eventSource} {@code aws:codecommit}) →
 * {@code POST /aws.codecommit}, one request per record; asynchronous.
 *
 * <p>CloudEvent: id {@code eventId} (with {@code #}{@code eventPartNumber} appended when the event
 * comes in several parts), source {@code eventSourceARN}, type {@code com.amazonaws.codecommit.} +
 * {@code eventName}, time {@code eventTime}, subject the first {@code codecommit.references[].ref}.
 * Unwrapped payload: the record's {@code codecommit} object.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new CodeCommitClassifier()).classify(raw).route(); // "/aws.codecommit"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} for a record without {@code eventId}, {@code
 * eventSourceARN} or {@code eventName}, and for a batch mixing event sources.
 */
public final class CodeCommitClassifier implements EventClassifier {
  static final String KIND = "aws.codecommit";
  static final String ROUTE = "/aws.codecommit";
  private static final String EVENT_SOURCE = "aws:codecommit";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public CodeCommitClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    RecordBatch batch = RecordBatch.find(raw, "eventSource", EVENT_SOURCE, KIND);
    if (batch == null) {
      return Optional.empty();
    }
    List<EventRecord> out = new ArrayList<>(batch.records().size());
    for (EventField record : batch.records()) {
      String id = record.get("eventId").string();
      record = record.withEventId(id);
      EventField total = record.get("eventTotalParts");
      if (total.isPresent() && !total.optText().orElse("1").equals("1")) {
        id = id + "#" + record.get("eventPartNumber").integer();
      }
      String source = record.get("eventSourceARN").string();
      String name = record.get("eventName").string();
      EventField codecommit = record.get("codecommit");
      CloudEvent event =
          EventAttributes.of(id, source, "com.amazonaws.codecommit." + name)
              .time(record.get("eventTime").optTime().orElse(null))
              .subject(codecommit.get("references").get(0).get("ref").optString().orElse(null))
              .build();
      out.add(
          EventRecord.of(
              null,
              ROUTE,
              event,
              batch.nativePayload(out.size()),
              NarrowedJson.of(codecommit.isObject() ? codecommit.json() : record.json())));
    }
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS, KIND, Delivery.ALL_OR_NOTHING, LambdaReply.ASYNC, out, batch.whole()));
  }
}
