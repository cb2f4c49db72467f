package io.github.cloudeventshandler.samples.books;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import io.github.cloudeventshandler.samples.books.StorageEvent.Action;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the three clouds' object events from the request the bridge delivers (default {@code
 * native} payload mode): the S3 notification narrowed to one record, the Cloud Storage object data,
 * and the Event Grid event. The CloudEvent {@code source} and {@code id} come from the {@code ce-*}
 * headers. Broken input is an {@link IllegalArgumentException} naming the field.
 */
final class StorageEvents {
  private StorageEvents() {}

  /** {@code POST /aws.s3}: {@code {"Records":[…]}}; keys are form-encoded by S3. */
  static List<StorageEvent> s3(String source, String id, byte[] body) {
    JsonObject root = object(parse(body), "S3 event");
    if (!root.has("Records") || !root.get("Records").isJsonArray()) {
      throw new IllegalArgumentException("S3 event " + id + ": no Records array");
    }
    List<StorageEvent> out = new ArrayList<>();
    var records = root.getAsJsonArray("Records");
    for (int i = 0; i < records.size(); i++) {
      JsonObject r = object(records.get(i), "S3 record");
      // one notification normally holds one record; several each get their own idempotency key
      String recordId = records.size() == 1 ? id : id + "#" + i;
      String name = text(r, "eventName", id);
      Action action =
          name.startsWith("ObjectCreated:")
              ? Action.CREATED
              : name.startsWith("ObjectRemoved:") ? Action.DELETED : Action.OTHER;
      JsonObject s3 = object(r.get("s3"), "S3 record " + id + " s3");
      String bucket = text(object(s3.get("bucket"), "s3.bucket"), "name", id);
      JsonObject o = object(s3.get("object"), "s3.object");
      String key = URLDecoder.decode(text(o, "key", id), StandardCharsets.UTF_8);
      out.add(
          new StorageEvent(
              source,
              recordId,
              action,
              "aws",
              bucket,
              key,
              number(o, "size"),
              optional(o, "eTag"),
              optional(r, "eventTime")));
    }
    return out;
  }

  /**
   * {@code POST /aws.sqs}: an S3 notification delivered through an SQS queue (the S3 event is the
   * message body). S3's {@code s3:TestEvent} is acknowledged with no book. Idempotent on the SQS
   * message's CloudEvent source and id, which a redelivery keeps.
   */
  static List<StorageEvent> sqs(String source, String id, byte[] body) {
    JsonObject root = object(parse(body), "SQS event");
    if (!root.has("Records") || !root.get("Records").isJsonArray()) {
      throw new IllegalArgumentException("SQS event " + id + ": no Records array");
    }
    List<StorageEvent> out = new ArrayList<>();
    for (JsonElement e : root.getAsJsonArray("Records")) {
      String message = text(object(e, "SQS record"), "body", id);
      JsonObject notification = object(parse(message.getBytes(StandardCharsets.UTF_8)), "body");
      if (notification.has("Records")) {
        out.addAll(s3(source, id, message.getBytes(StandardCharsets.UTF_8)));
      } else if (!"s3:TestEvent".equals(optional(notification, "Event"))) {
        throw new IllegalArgumentException("SQS message " + id + " is not an S3 notification");
      }
    }
    return out;
  }

  /** {@code POST /google.cloud.storage}: the object's data; the action is in {@code ce-type}. */
  static StorageEvent gcs(String source, String id, String type, String time, byte[] body) {
    JsonObject o = object(parse(body), "Cloud Storage object");
    Action action =
        type.endsWith(".finalized")
            ? Action.CREATED
            : type.endsWith(".deleted") ? Action.DELETED : Action.OTHER;
    return new StorageEvent(
        source,
        id,
        action,
        "gcp",
        text(o, "bucket", id),
        text(o, "name", id),
        number(o, "size"),
        optional(o, "etag"),
        time != null ? time : optional(o, "updated"));
  }

  /**
   * {@code POST /microsoft.storage}: one Event Grid event (either schema); the blob is named by the
   * subject {@code /blobServices/default/containers/<container>/blobs/<name>}.
   */
  static StorageEvent blob(String source, String id, byte[] body) {
    JsonObject e = object(parse(body), "Event Grid event");
    String type = e.has("eventType") ? text(e, "eventType", id) : text(e, "type", id);
    Action action =
        type.equals("Microsoft.Storage.BlobCreated")
            ? Action.CREATED
            : type.equals("Microsoft.Storage.BlobDeleted") ? Action.DELETED : Action.OTHER;
    String subject = text(e, "subject", id);
    String marker = "/containers/";
    int c = subject.indexOf(marker);
    int b = subject.indexOf("/blobs/");
    if (c < 0 || b < c) {
      throw new IllegalArgumentException(
          "Event Grid event " + id + ": subject is not a blob: " + subject);
    }
    JsonObject data = e.has("data") ? object(e.get("data"), "data") : new JsonObject();
    return new StorageEvent(
        source,
        id,
        action,
        "azure",
        subject.substring(c + marker.length(), b),
        subject.substring(b + "/blobs/".length()),
        number(data, "contentLength"),
        optional(data, "eTag"),
        e.has("eventTime") ? optional(e, "eventTime") : optional(e, "time"));
  }

  private static JsonElement parse(byte[] body) {
    try {
      return JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
    } catch (JsonSyntaxException e) {
      throw new IllegalArgumentException("body is not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonObject object(JsonElement e, String what) {
    if (e == null || !e.isJsonObject()) {
      throw new IllegalArgumentException(what + " is not a JSON object");
    }
    return e.getAsJsonObject();
  }

  private static String text(JsonObject o, String field, String id) {
    JsonElement v = o.get(field);
    if (v == null || !v.isJsonPrimitive() || v.getAsString().isEmpty()) {
      throw new IllegalArgumentException("event " + id + ": field " + field + " is missing");
    }
    return v.getAsString();
  }

  private static String optional(JsonObject o, String field) {
    JsonElement v = o.get(field);
    return v == null || !v.isJsonPrimitive() ? null : v.getAsString();
  }

  /** Cloud Storage sends sizes as strings, S3 and Event Grid as numbers. */
  private static Long number(JsonObject o, String field) {
    String v = optional(o, field);
    if (v == null) {
      return null;
    }
    try {
      return Long.valueOf(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field " + field + " is not a number: " + v, e);
    }
  }
}
