package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kinesis Data Firehose transformation invocations: {@code invocationId} and {@code records[]}
 * whose first element has a {@code recordId} (Kinesis Analytics, which also has {@code
 * applicationArn}, is not claimed). Every record needs a {@code recordId} and its data in {@code
 * data} (or {@code kafkaRecordValue} for an MSK source); the reply is one result per record.
 * Records are dispatched {@link Delivery#PER_RECORD}: each gets its own {@code Ok} or {@code
 * ProcessingFailed}. CloudEvent: {@code id} = {@code recordId}, {@code source} = {@code
 * deliveryStreamArn} (else {@code aws:firehose.<region>}), {@code type} = {@code
 * com.amazonaws.firehose.record}, {@code time} = {@code approximateArrivalTimestamp} (epoch ms).
 * Unwrapped payload: the decoded data as {@code application/octet-stream}.
 */
public final class FirehoseClassifier implements EventClassifier {
  static final String KIND = "aws.kinesis.firehose";

  /** The field holding a record's data: {@code data}, or {@code kafkaRecordValue} (MSK source). */
  static String dataField(JsonObject record) {
    return record.has("kafkaRecordValue") && !record.has("data") ? "kafkaRecordValue" : "data";
  }

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    if (!RawEvent.AWS.equals(raw.provider())
        || !raw.looksLikeJson()
        || !raw.json().isJsonObject()) {
      return Optional.empty();
    }
    JsonObject root = raw.json().getAsJsonObject();
    JsonElement rs = root.get("records");
    if (EventFields.string(root, "invocationId") == null
        || root.has("applicationArn")
        || rs == null
        || !rs.isJsonArray()
        || rs.getAsJsonArray().isEmpty()
        || !rs.getAsJsonArray().get(0).isJsonObject()
        || !rs.getAsJsonArray().get(0).getAsJsonObject().has("recordId")) {
      return Optional.empty();
    }
    String invocation = EventFields.string(root, "invocationId");
    String stream = EventFields.string(root, "deliveryStreamArn");
    String source =
        stream != null && !stream.isEmpty()
            ? stream
            : "aws:firehose"
                + (EventFields.string(root, "region") == null
                    ? ""
                    : "." + EventFields.string(root, "region"));
    JsonArray array = rs.getAsJsonArray();
    List<EventRecord> records = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String at = "records[" + i + "]";
      if (!array.get(i).isJsonObject()) {
        throw EventFields.invalidAt(KIND, at, invocation, "is not an object");
      }
      JsonObject r = array.get(i).getAsJsonObject();
      String id =
          EventFields.require(
              EventFields.string(r, "recordId"), KIND, at + ".recordId", invocation);
      String field = dataField(r);
      String data = EventFields.string(r, field);
      if (data == null) {
        throw EventFields.missingAt(KIND, at + "." + field, id);
      }
      byte[] decoded = EventFields.base64At(data, KIND, at + "." + field, id);
      CloudEventBuilder ce =
          CloudEventBuilder.v1()
              .withId(id)
              .withSource(EventFields.uri(source, KIND, "deliveryStreamArn", id))
              .withType("com.amazonaws.firehose.record")
              .withDataContentType(Payload.JSON)
              .withTime(
                  EventTimes.epochTime(
                      r,
                      "approximateArrivalTimestamp",
                      true,
                      KIND,
                      at + ".approximateArrivalTimestamp",
                      id));
      records.add(
          EventRecord.of(
              id,
              "/" + KIND,
              ce.build(),
              narrow(root, array, i, raw),
              new Payload("application/octet-stream", decoded)));
    }
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.PER_RECORD,
            LambdaReply.FIREHOSE,
            records,
            raw.payload(Payload.JSON)));
  }

  private static Payload narrow(JsonObject root, JsonArray array, int i, RawEvent raw) {
    if (array.size() == 1) {
      return raw.payload(Payload.JSON);
    }
    JsonObject one = new JsonObject();
    for (Map.Entry<String, JsonElement> e : root.entrySet()) {
      if (e.getKey().equals("records")) {
        JsonArray a = new JsonArray(1);
        a.add(array.get(i));
        one.add("records", a);
      } else {
        one.add(e.getKey(), e.getValue());
      }
    }
    return Payload.json(one);
  }
}
