package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.RawEvent;
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
    List<JsonObject> records = batch.records();
    List<EventRecord> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      String where = KIND + " Records[" + i + "]";
      JsonObject record = records.get(i);
      String id = EventFields.requireString(record, "eventId", where);
      where = where + " (eventId " + id + ")";
      JsonElement total = record.get("eventTotalParts");
      if (total != null && total.isJsonPrimitive() && !total.getAsString().equals("1")) {
        id = id + "#" + EventFields.requireInteger(record, "eventPartNumber", where);
      }
      String source = EventFields.requireString(record, "eventSourceARN", where);
      String name = EventFields.requireString(record, "eventName", where);
      var attrs = EventAttributes.of(where, id, source, "com.amazonaws.codecommit." + name);
      Optional<String> time = EventFields.optString(record, "eventTime");
      if (time.isPresent()) {
        attrs.time(EventTimes.parse(time.get(), where, "eventTime"));
      }
      Optional<JsonObject> codecommit = EventFields.optObject(record, "codecommit");
      codecommit
          .map(c -> c.get("references"))
          .filter(JsonElement::isJsonArray)
          .map(JsonElement::getAsJsonArray)
          .filter(a -> !a.isEmpty() && a.get(0).isJsonObject())
          .flatMap(a -> EventFields.optString(a.get(0).getAsJsonObject(), "ref"))
          .ifPresent(attrs::subject);
      out.add(
          EventRecord.of(
              null,
              ROUTE,
              attrs.build(),
              batch.nativePayload(i),
              NarrowedJson.of(codecommit.isPresent() ? codecommit.get() : record)));
    }
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS, KIND, Delivery.ALL_OR_NOTHING, LambdaReply.ASYNC, out, batch.whole()));
  }
}
