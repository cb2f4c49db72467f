package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code {"Records":[…]}} event of one AWS source (S3, SNS, SQS, Kinesis, DynamoDB, SES,
 * CodeCommit): finds it, checks that every record comes from the same source, and narrows the event
 * to one record for the native payload ({@code {"Records":[thatRecord]}} with the other top-level
 * keys kept).
 *
 * @param root the whole event
 * @param records the records, in order
 * @param raw the raw event
 */
record RecordBatch(JsonObject root, List<JsonObject> records, RawEvent raw) {

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
    if (!RawEvent.AWS.equals(raw.provider()) || !raw.looksLikeJson()) {
      return null;
    }
    JsonElement json = raw.json();
    if (!json.isJsonObject()) {
      return null;
    }
    JsonElement r = json.getAsJsonObject().get("Records");
    if (r == null || !r.isJsonArray() || r.getAsJsonArray().isEmpty()) {
      return null;
    }
    JsonArray array = r.getAsJsonArray();
    JsonElement first = array.get(0);
    if (!first.isJsonObject()
        || !EventFields.hasString(first.getAsJsonObject(), sourceKey, source)) {
      return null;
    }
    List<JsonObject> records = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonElement e = array.get(i);
      String other = e.isJsonObject() ? EventFields.string(e.getAsJsonObject(), sourceKey) : null;
      if (!source.equals(other)) {
        throw new BadEventException(
            Problem.INCONSISTENT,
            "aws "
                + kind
                + " event: a batch mixing event sources: Records[0]."
                + sourceKey
                + " is "
                + source
                + " but Records["
                + i
                + "]"
                + (e.isJsonObject()
                    ? "."
                        + sourceKey
                        + " is "
                        + (other == null ? missing(e.getAsJsonObject()) : other)
                    : " is not an object"));
      }
      records.add(e.getAsJsonObject());
    }
    return new RecordBatch(json.getAsJsonObject(), List.copyOf(records), raw);
  }

  /** "missing", naming the source the record gives under the other spelling, if any. */
  private static String missing(JsonObject record) {
    for (String key : new String[] {"eventSource", "EventSource"}) {
      String other = EventFields.string(record, key);
      if (other != null) {
        return "missing (its " + key + " is " + other + ")";
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
    return NarrowedJson.array(root, "Records", records.get(i));
  }
}
