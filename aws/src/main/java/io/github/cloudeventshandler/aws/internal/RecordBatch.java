package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code {"Records":[…]}} event of one AWS source (S3, SNS, SQS, Kinesis, DynamoDB, SES,
 * CodeCommit): finds it, checks that every record comes from the same source, and narrows the event
 * to one record for the native payload ({@code {"Records":[thatRecord]}} with the other top-level
 * keys kept).
 *
 * @param root the whole event
 * @param records the records, in order (each an object)
 * @param raw the raw event
 */
record RecordBatch(EventField root, List<EventField> records, RawEvent raw) {

  /**
   * The batch when {@code Records[0][sourceKey]} equals {@code source}; null when the event is not
   * of that source.
   *
   * @param sourceKey {@code eventSource} ({@code EventSource} for SNS)
   * @param source e.g. {@code aws:sqs}
   * @param kind e.g. {@code aws.sqs}, for messages
   * @throws BadEventException {@link Problem#INCONSISTENT} when a later record is from another
   *     source or is not an object
   */
  static RecordBatch find(RawEvent raw, String sourceKey, String source, String kind) {
    EventField root = EventFields.root(raw, kind).orElse(null);
    if (root == null || !root.get("Records").get(0).get(sourceKey).is(source)) {
      return null;
    }
    List<EventField> all = root.get("Records").elements();
    List<EventField> records = new ArrayList<>(all.size());
    for (EventField e : all) {
      EventField other = e.get(sourceKey);
      if (!other.is(source)) {
        throw e.problem(
            Problem.INCONSISTENT,
            "is from another source in a batch mixing event sources: Records[0]."
                + sourceKey
                + " is "
                + source
                + " but "
                + (e.isObject()
                    ? other.path() + " is " + describe(e, other)
                    : e.path() + " is " + StrictJson.kindOf(e.json()) + ", not an object"),
            null);
      }
      records.add(e);
    }
    return new RecordBatch(root, List.copyOf(records), raw);
  }

  /** The other record's source, or "missing", naming the source it gives under the other key. */
  private static String describe(EventField record, EventField other) {
    if (other.isString() || other.isNumber()) {
      return other.optText().orElse("empty");
    }
    if (other.isPresent()) {
      return StrictJson.kindOf(other.json());
    }
    for (String key : new String[] {"eventSource", "EventSource"}) {
      if (record.get(key).isString()) {
        return "missing (its " + key + " is " + record.get(key).optString().orElse("") + ")";
      }
    }
    return "missing";
  }

  /** The whole event, as received. */
  Payload whole() {
    return raw.payload(Payload.JSON);
  }

  /**
   * The event narrowed to record {@code i}: the received bytes when there is only one record,
   * otherwise {@code {"Records":[record i]}} with every other top-level key kept in order.
   */
  Payload nativePayload(int i) {
    if (records.size() == 1) {
      return whole();
    }
    return NarrowedJson.array(root.jsonObject(), "Records", records.get(i).json());
  }
}
