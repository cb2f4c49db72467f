package io.github.cloudeventshandler.testing;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Kinesis Data Streams batches as Lambda receives them, starting from the recorded one-record
 * event: the data base64-encoded, a partition key, increasing {@code sequenceNumber}s (the ids
 * {@code batchItemFailures} names) and {@code eventID}s of shard {@code shardId-000000000000}.
 *
 * <pre>{@code
 * KinesisEvents.KinesisRecord first = KinesisEvents.record("{\"t\":21.5}");
 * lambda.send(KinesisEvents.batch(first, KinesisEvents.record("{\"t\":21.7}")));
 * }</pre>
 */
public final class KinesisEvents {
  private static final String STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/local-stream";

  private KinesisEvents() {}

  /** A record with this UTF-8 data, partition key {@code partition-1}, arrived now. */
  public static KinesisRecord record(String data) {
    return record(Objects.requireNonNull(data, "data").getBytes(StandardCharsets.UTF_8));
  }

  /** A record with these data bytes. */
  public static KinesisRecord record(byte[] data) {
    String sequence = "49" + String.format("%054d", Templates.nextSequence());
    return new KinesisRecord(Templates.firstRecord("aws/kinesis/kinesis-one-record"))
        .data(data)
        .partitionKey("partition-1")
        .sequenceNumber(sequence)
        .arrivedAt(Templates.now());
  }

  /** A batch of records from the stream {@code local-stream} in {@code us-east-1}. */
  public static KinesisBatch batch(KinesisRecord... records) {
    return new KinesisBatch(List.of(records), STREAM);
  }

  /** One record. Immutable: every method returns a changed copy. */
  public static final class KinesisRecord extends JsonValue<KinesisRecord> {
    KinesisRecord(JsonObject record) {
      super(record);
    }

    @Override
    KinesisRecord copy(JsonObject json) {
      return new KinesisRecord(json);
    }

    private static JsonObject kinesis(JsonObject r) {
      return r.getAsJsonObject("kinesis");
    }

    /** {@code kinesis.data}: these bytes, base64-encoded. */
    public KinesisRecord data(byte[] data) {
      Objects.requireNonNull(data, "data");
      return with(r -> kinesis(r).addProperty("data", Templates.base64(data)));
    }

    /** {@code kinesis.partitionKey} (the CloudEvent subject). */
    public KinesisRecord partitionKey(String partitionKey) {
      Objects.requireNonNull(partitionKey, "partitionKey");
      return with(r -> kinesis(r).addProperty("partitionKey", partitionKey));
    }

    /** {@code kinesis.sequenceNumber} and the {@code eventID} made from it. */
    public KinesisRecord sequenceNumber(String sequenceNumber) {
      Objects.requireNonNull(sequenceNumber, "sequenceNumber");
      return with(
          r -> {
            kinesis(r).addProperty("sequenceNumber", sequenceNumber);
            r.addProperty("eventID", "shardId-000000000000:" + sequenceNumber);
          });
    }

    /** {@code kinesis.approximateArrivalTimestamp} (epoch seconds with a fraction). */
    public KinesisRecord arrivedAt(Instant time) {
      Objects.requireNonNull(time, "time");
      return with(
          r -> kinesis(r).addProperty("approximateArrivalTimestamp", time.toEpochMilli() / 1000.0));
    }

    /** The sequence number ({@code itemIdentifier} in {@code batchItemFailures}). */
    public String sequenceNumber() {
      return kinesis(read()).get("sequenceNumber").getAsString();
    }
  }

  /** Records of one stream. Immutable: every method returns a changed copy. */
  public static final class KinesisBatch extends RecordBatch<KinesisRecord> {
    private KinesisBatch(List<KinesisRecord> records, String streamArn) {
      super(records, streamArn, "Kinesis");
    }

    /** The stream's ARN ({@code eventSourceARN}; {@code awsRegion} follows it). */
    public KinesisBatch streamArn(String streamArn) {
      return new KinesisBatch(records(), streamArn);
    }

    /** The sequence numbers, in order. */
    public List<String> sequenceNumbers() {
      return records().stream().map(KinesisRecord::sequenceNumber).toList();
    }

    /** The role Lambda reads the stream with, in the stream's account. */
    @Override
    void stamp(JsonObject record, int index, String[] arn) {
      if (arn.length > 4) {
        record.addProperty("invokeIdentityArn", "arn:aws:iam::" + arn[4] + ":role/local-function");
      }
    }
  }
}
