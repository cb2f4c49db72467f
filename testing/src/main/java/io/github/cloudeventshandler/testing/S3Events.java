package io.github.cloudeventshandler.testing;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * S3 event notifications as Lambda receives them ({@code {"Records":[…]}}, one record), starting
 * from the recorded {@code ObjectCreated:Put} and {@code ObjectRemoved:Delete} events. A new event
 * gets a fresh {@code x-amz-request-id} and {@code x-amz-id-2} (so its CloudEvent id, {@code
 * <request id>.<id-2>}, is its own) and the current time.
 *
 * <pre>{@code
 * lambda.send(S3Events.put("photos", "2026/cat 1.jpg").size(2048));
 * // s3.object.key is "2026/cat+1.jpg", as S3 writes it; the app's ce-subject is "2026/cat 1.jpg"
 * }</pre>
 */
public final class S3Events {
  private S3Events() {}

  /** {@code ObjectCreated:Put} of {@code key} (as stored, not encoded) in {@code bucket}. */
  public static S3Event put(String bucket, String key) {
    return new S3Event(Templates.firstRecord("aws/s3/s3-put-sam")).fresh().bucket(bucket).key(key);
  }

  /** {@code ObjectRemoved:Delete} of {@code key} in {@code bucket}. */
  public static S3Event delete(String bucket, String key) {
    return new S3Event(Templates.firstRecord("aws/s3/s3-delete-sam"))
        .fresh()
        .bucket(bucket)
        .key(key);
  }

  /**
   * An object key as S3 writes it into a notification: form-URL-encoded (a space becomes {@code
   * +}), with {@code /} and the unreserved characters {@code A-Z a-z 0-9 - . _ ~} left as they are,
   * every other UTF-8 byte as {@code %XX}.
   */
  public static String encodeKey(String key) {
    StringBuilder sb = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /** One S3 notification. Immutable: every method returns a changed copy. */
  public static final class S3Event extends JsonValue<S3Event> implements LambdaEvent {
    S3Event(JsonObject record) {
      super(record);
    }

    @Override
    S3Event copy(JsonObject json) {
      return new S3Event(json);
    }

    private S3Event fresh() {
      return requestId(Templates.hex(8))
          .hostId(Templates.base64(Templates.hex(30)))
          .time(Templates.now());
    }

    private static JsonObject s3(JsonObject r) {
      return r.getAsJsonObject("s3");
    }

    /** The bucket: {@code s3.bucket.name} and its ARN. */
    public S3Event bucket(String bucket) {
      Objects.requireNonNull(bucket, "bucket");
      return with(
          r -> {
            JsonObject b = s3(r).getAsJsonObject("bucket");
            b.addProperty("name", bucket);
            b.addProperty("arn", "arn:aws:s3:::" + bucket);
          });
    }

    /** The object key as stored; written encoded as S3 does ({@link #encodeKey(String)}). */
    public S3Event key(String key) {
      return rawKey(encodeKey(Objects.requireNonNull(key, "key")));
    }

    /** {@code s3.object.key} exactly as given (for keys encoded some other way, or broken). */
    public S3Event rawKey(String rawKey) {
      Objects.requireNonNull(rawKey, "rawKey");
      return with(r -> s3(r).getAsJsonObject("object").addProperty("key", rawKey));
    }

    /** {@code s3.object.size}. */
    public S3Event size(long size) {
      return with(r -> s3(r).getAsJsonObject("object").addProperty("size", size));
    }

    /** {@code s3.object.eTag}. */
    public S3Event eTag(String eTag) {
      Objects.requireNonNull(eTag, "eTag");
      return with(r -> s3(r).getAsJsonObject("object").addProperty("eTag", eTag));
    }

    /** {@code s3.object.versionId} (versioned buckets). */
    public S3Event versionId(String versionId) {
      Objects.requireNonNull(versionId, "versionId");
      return with(r -> s3(r).getAsJsonObject("object").addProperty("versionId", versionId));
    }

    /**
     * {@code eventName}, e.g. {@code ObjectCreated:Copy} or {@code
     * ObjectRemoved:DeleteMarkerCreated}.
     */
    public S3Event eventName(String eventName) {
      Objects.requireNonNull(eventName, "eventName");
      return with(r -> r.addProperty("eventName", eventName));
    }

    /** {@code awsRegion}. */
    public S3Event region(String region) {
      Objects.requireNonNull(region, "region");
      return with(r -> r.addProperty("awsRegion", region));
    }

    /** {@code eventTime}. */
    public S3Event time(Instant time) {
      Objects.requireNonNull(time, "time");
      return with(r -> r.addProperty("eventTime", Templates.millis(time)));
    }

    /** {@code responseElements.x-amz-request-id} (the first half of the CloudEvent id). */
    public S3Event requestId(String requestId) {
      Objects.requireNonNull(requestId, "requestId");
      return with(
          r -> r.getAsJsonObject("responseElements").addProperty("x-amz-request-id", requestId));
    }

    /** {@code responseElements.x-amz-id-2} (the second half of the CloudEvent id). */
    public S3Event hostId(String hostId) {
      Objects.requireNonNull(hostId, "hostId");
      return with(r -> r.getAsJsonObject("responseElements").addProperty("x-amz-id-2", hostId));
    }

    /** The CloudEvent id the application sees: {@code <x-amz-request-id>.<x-amz-id-2>}. */
    public String cloudEventId() {
      JsonObject e = read().getAsJsonObject("responseElements");
      return e.get("x-amz-request-id").getAsString() + "." + e.get("x-amz-id-2").getAsString();
    }

    @Override
    public byte[] toBytes() {
      return records(List.of(this), r -> {});
    }

    @Override
    public String toString() {
      return toJson();
    }
  }
}
