package io.github.cloudeventshandler.aws.internal;

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
    List<JsonObject> records = batch.records();
    List<EventRecord> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      String where = KIND + " Records[" + i + "]";
      JsonObject record = records.get(i);
      JsonObject ses = EventFields.requireObject(record, "ses", where);
      JsonObject mail = EventFields.requireObject(ses, "mail", where + ".ses");
      String id = EventFields.requireString(mail, "messageId", where + ".ses.mail");
      var attrs = EventAttributes.of(where + " (messageId " + id + ")", id, "aws:ses", TYPE);
      Optional<String> time = EventFields.optString(mail, "timestamp");
      if (time.isPresent()) {
        attrs.time(EventTimes.parse(time.get(), where + ".ses.mail", "timestamp"));
      }
      if (mail.has("destination")
          && mail.get("destination").isJsonArray()
          && !mail.getAsJsonArray("destination").isEmpty()
          && mail.getAsJsonArray("destination").get(0).isJsonPrimitive()) {
        attrs.subject(mail.getAsJsonArray("destination").get(0).getAsString());
      }
      out.add(
          EventRecord.of(null, ROUTE, attrs.build(), batch.nativePayload(i), NarrowedJson.of(ses)));
    }
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS, KIND, Delivery.ALL_OR_NOTHING, LambdaReply.ASYNC, out, batch.whole()));
  }
}
