package io.github.cloudeventshandler.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * DynamoDB Streams batches as Lambda receives them, starting from the recorded three-record event:
 * {@code INSERT}, {@code MODIFY} and {@code REMOVE} records with their keys and images in DynamoDB
 * JSON, increasing {@code SequenceNumber}s (the ids {@code batchItemFailures} names), stream view
 * {@code NEW_AND_OLD_IMAGES}.
 *
 * <pre>{@code
 * DynamoDbEvents.DynamoDbRecord added =
 *     DynamoDbEvents.insert("{\"Id\":{\"N\":\"101\"}}").newImage("{\"Id\":{\"N\":\"101\"},\"Name\":{\"S\":\"Dune\"}}");
 * lambda.send(DynamoDbEvents.batch(added));
 * }</pre>
 */
public final class DynamoDbEvents {
  private static final String STREAM =
      "arn:aws:dynamodb:us-east-1:123456789012:table/LocalTable/stream/2026-01-01T00:00:00.000";

  private DynamoDbEvents() {}

  /** An {@code INSERT} of the item with these keys (DynamoDB JSON); its new image is the keys. */
  public static DynamoDbRecord insert(String keys) {
    return record("INSERT", keys).newImage(keys);
  }

  /** A {@code MODIFY} of the item with these keys; both images are the keys until set. */
  public static DynamoDbRecord modify(String keys) {
    return record("MODIFY", keys).newImage(keys).oldImage(keys);
  }

  /** A {@code REMOVE} of the item with these keys; its old image is the keys until set. */
  public static DynamoDbRecord remove(String keys) {
    return record("REMOVE", keys).oldImage(keys);
  }

  private static DynamoDbRecord record(String eventName, String keys) {
    JsonObject r = Templates.firstRecord("aws/dynamodb/dynamodb-three-records");
    r.remove("userIdentity");
    JsonObject d = r.getAsJsonObject("dynamodb");
    d.remove("NewImage");
    d.remove("OldImage");
    r.addProperty("eventName", eventName);
    return new DynamoDbRecord(r)
        .keys(keys)
        .eventId(Templates.hex(16).toLowerCase(java.util.Locale.ROOT))
        .sequenceNumber(String.format("%021d", Templates.nextSequence()))
        .createdAt(Templates.now());
  }

  /** A batch of records from the stream of table {@code LocalTable} in {@code us-east-1}. */
  public static DynamoDbBatch batch(DynamoDbRecord... records) {
    return new DynamoDbBatch(List.of(records), STREAM);
  }

  /** One stream record. Immutable: every method returns a changed copy. */
  public static final class DynamoDbRecord extends JsonValue<DynamoDbRecord> {
    DynamoDbRecord(JsonObject record) {
      super(record);
    }

    /** A record of this JSON, its {@code SizeBytes} made from the keys' and images' JSON. */
    @Override
    DynamoDbRecord copy(JsonObject r) {
      JsonObject d = r.getAsJsonObject("dynamodb");
      int size = 0;
      for (String image : List.of("Keys", "NewImage", "OldImage")) {
        if (d.has(image)) {
          size += d.get(image).toString().getBytes(StandardCharsets.UTF_8).length;
        }
      }
      d.addProperty("SizeBytes", size);
      return new DynamoDbRecord(r);
    }

    private static JsonObject parse(String dynamoJson, String what) {
      Objects.requireNonNull(dynamoJson, what);
      return JsonParser.parseString(dynamoJson).getAsJsonObject();
    }

    /** {@code dynamodb.Keys}, DynamoDB JSON: {@code {"Id":{"N":"101"}}}. */
    public DynamoDbRecord keys(String keys) {
      JsonObject k = parse(keys, "keys");
      return with(r -> r.getAsJsonObject("dynamodb").add("Keys", k));
    }

    /** {@code dynamodb.NewImage}, DynamoDB JSON. */
    public DynamoDbRecord newImage(String item) {
      JsonObject i = parse(item, "item");
      return with(r -> r.getAsJsonObject("dynamodb").add("NewImage", i));
    }

    /** {@code dynamodb.OldImage}, DynamoDB JSON. */
    public DynamoDbRecord oldImage(String item) {
      JsonObject i = parse(item, "item");
      return with(r -> r.getAsJsonObject("dynamodb").add("OldImage", i));
    }

    /** {@code eventID} (the CloudEvent id). */
    public DynamoDbRecord eventId(String eventId) {
      Objects.requireNonNull(eventId, "eventId");
      return with(r -> r.addProperty("eventID", eventId));
    }

    /** {@code dynamodb.SequenceNumber}. */
    public DynamoDbRecord sequenceNumber(String sequenceNumber) {
      Objects.requireNonNull(sequenceNumber, "sequenceNumber");
      return with(r -> r.getAsJsonObject("dynamodb").addProperty("SequenceNumber", sequenceNumber));
    }

    /** {@code dynamodb.ApproximateCreationDateTime}: epoch seconds (with a fraction, if any). */
    public DynamoDbRecord createdAt(Instant time) {
      Objects.requireNonNull(time, "time");
      BigDecimal seconds =
          BigDecimal.valueOf(time.getEpochSecond())
              .add(BigDecimal.valueOf(time.getNano(), 9))
              .stripTrailingZeros();
      return with(
          r ->
              r.getAsJsonObject("dynamodb")
                  .addProperty(
                      "ApproximateCreationDateTime",
                      seconds.scale() <= 0 ? (Number) seconds.longValueExact() : seconds));
    }

    /** The sequence number ({@code itemIdentifier} in {@code batchItemFailures}). */
    public String sequenceNumber() {
      return read().getAsJsonObject("dynamodb").get("SequenceNumber").getAsString();
    }
  }

  /** Records of one table's stream. Immutable: every method returns a changed copy. */
  public static final class DynamoDbBatch extends RecordBatch<DynamoDbRecord> {
    private DynamoDbBatch(List<DynamoDbRecord> records, String streamArn) {
      super(records, streamArn, "DynamoDB");
    }

    /** The stream's ARN ({@code eventSourceARN}; {@code awsRegion} follows it). */
    public DynamoDbBatch streamArn(String streamArn) {
      return new DynamoDbBatch(records(), streamArn);
    }

    /** The sequence numbers, in order. */
    public List<String> sequenceNumbers() {
      return records().stream().map(DynamoDbRecord::sequenceNumber).toList();
    }
  }
}
