package io.github.cloudeventshandler.testing;

import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cloud Storage object events as Google delivers them, starting from the recorded ones: the
 * CloudEvent Eventarc sends to a gen2 function ({@code google.cloud.storage.object.v1.finalized},
 * {@code …deleted}, …; source {@code //storage.googleapis.com/projects/_/buckets/<bucket>}, subject
 * {@code objects/<name>}, extension {@code bucket}, the {@code StorageObjectData} JSON), and with
 * {@link CloudStorageEvent#legacy()} the gen1 legacy event ({@code google.storage.object.finalize},
 * …) that {@code BackgroundEntryPoint} receives.
 *
 * <pre>{@code
 * gcp.send(CloudStorageEvents.finalized("books", "dune.pdf").size(1024));
 * gcp.send(CloudStorageEvents.deleted("books", "dune.pdf").legacy());
 * }</pre>
 */
public final class CloudStorageEvents {
  private CloudStorageEvents() {}

  /** {@code google.cloud.storage.object.v1.finalized}: the object was created or overwritten. */
  public static CloudStorageEvent finalized(String bucket, String name) {
    return of("finalized", bucket, name);
  }

  /** {@code google.cloud.storage.object.v1.deleted}. */
  public static CloudStorageEvent deleted(String bucket, String name) {
    return of("deleted", bucket, name);
  }

  /** {@code google.cloud.storage.object.v1.archived}. */
  public static CloudStorageEvent archived(String bucket, String name) {
    return of("archived", bucket, name);
  }

  /** {@code google.cloud.storage.object.v1.metadataUpdated}. */
  public static CloudStorageEvent metadataUpdated(String bucket, String name) {
    return of("metadataUpdated", bucket, name);
  }

  private static CloudStorageEvent of(String action, String bucket, String name) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(name, "name");
    JsonObject event = Templates.object("gcp/storage/storage-cloudevent-input");
    long generation = Templates.now().toEpochMilli() * 1000;
    Instant now = Templates.now();
    return new CloudStorageEvent(
            action, Templates.uuid(), now, event.getAsJsonObject("data"), false)
        .withData(
            d -> {
              d.addProperty("bucket", bucket);
              d.addProperty("name", name);
              d.addProperty("generation", String.valueOf(generation));
              d.addProperty("id", bucket + "/" + name + "/" + generation);
              d.addProperty("timeCreated", now.toString());
              d.addProperty("updated", now.toString());
              d.addProperty("timeStorageClassUpdated", now.toString());
              d.addProperty(
                  "selfLink", "https://www.googleapis.com/storage/v1/b/" + bucket + "/o/" + name);
              d.addProperty(
                  "mediaLink",
                  "https://www.googleapis.com/download/storage/v1/b/"
                      + bucket
                      + "/o/"
                      + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                      + "?generation="
                      + generation
                      + "&alt=media");
            });
  }

  /**
   * One object event. Immutable: every method returns a changed copy. As a {@link GcpEvent} it is
   * delivered through {@code CloudEventsEntryPoint}, or through {@code BackgroundEntryPoint} when
   * made with {@link #legacy()}.
   */
  public static final class CloudStorageEvent extends GcpEvent {
    private final String action;
    private final String id;
    private final Instant time;
    private final JsonObject data;
    private final boolean legacy;

    CloudStorageEvent(String action, String id, Instant time, JsonObject data, boolean legacy) {
      this.action = action;
      this.id = id;
      this.time = time;
      this.data = data;
      this.legacy = legacy;
    }

    private CloudStorageEvent withData(Consumer<JsonObject> change) {
      JsonObject d = data.deepCopy();
      change.accept(d);
      return new CloudStorageEvent(action, id, time, d, legacy);
    }

    /** The event id (the CloudEvent id; the legacy {@code eventId}). */
    public CloudStorageEvent id(String id) {
      return new CloudStorageEvent(action, Objects.requireNonNull(id, "id"), time, data, legacy);
    }

    /** The event time. */
    public CloudStorageEvent time(Instant time) {
      return new CloudStorageEvent(action, id, Objects.requireNonNull(time, "time"), data, legacy);
    }

    /** The object's {@code size} (bytes; written as a string, as the JSON API does). */
    public CloudStorageEvent size(long size) {
      return withData(d -> d.addProperty("size", String.valueOf(size)));
    }

    /** The object's {@code contentType}. */
    public CloudStorageEvent contentType(String contentType) {
      Objects.requireNonNull(contentType, "contentType");
      return withData(d -> d.addProperty("contentType", contentType));
    }

    /** A field of the {@code StorageObjectData} (e.g. {@code md5Hash}, {@code etag}). */
    public CloudStorageEvent dataField(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return withData(d -> d.addProperty(name, value));
    }

    /** The same event as the gen1 legacy event {@code google.storage.object.<action>}. */
    public CloudStorageEvent legacy() {
      return new CloudStorageEvent(action, id, time, data, true);
    }

    private String bucket() {
      return data.get("bucket").getAsString();
    }

    private String name() {
      return data.get("name").getAsString();
    }

    /** The CloudEvent Eventarc delivers. */
    public CloudEvent toCloudEvent() {
      return CloudEventBuilder.v1()
          .withId(id)
          .withSource(URI.create("//storage.googleapis.com/projects/_/buckets/" + bucket()))
          .withType("google.cloud.storage.object.v1." + action)
          .withSubject("objects/" + name())
          .withTime(time.atOffset(ZoneOffset.UTC))
          .withDataContentType("application/json")
          .withExtension("bucket", bucket())
          .withData(Templates.bytes(data))
          .build();
    }

    /** The legacy event body ({@code {"context":{…},"data":{…}}}) a gen1 function receives. */
    public byte[] toLegacyEvent() {
      JsonObject e = Templates.object("gcp/storage/storage-legacy-input");
      JsonObject context = e.getAsJsonObject("context");
      context.addProperty("eventId", id);
      context.addProperty("timestamp", time.toString());
      context.addProperty("eventType", "google.storage.object." + legacyAction());
      context
          .getAsJsonObject("resource")
          .addProperty("name", "projects/_/buckets/" + bucket() + "/objects/" + name());
      e.add("data", data.deepCopy());
      return Templates.bytes(e);
    }

    private String legacyAction() {
      return switch (action) {
        case "finalized" -> "finalize";
        case "deleted" -> "delete";
        case "archived" -> "archive";
        default -> "metadataUpdate";
      };
    }

    @Override
    PlatformReply sendTo(GcpInvoker gcp) {
      return legacy ? gcp.sendLegacy(toLegacyEvent()) : gcp.send(toCloudEvent());
    }

    @Override
    public String toString() {
      return legacy
          ? new String(toLegacyEvent(), StandardCharsets.UTF_8)
          : toCloudEvent() + " " + Templates.GSON.toJson(data);
    }
  }
}
