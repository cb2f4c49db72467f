package io.github.cloudeventshandler.samples.books;

import java.util.Objects;

/**
 * One object event, whichever cloud it came from.
 *
 * @param source the CloudEvent {@code source} (with {@code id}: the event's identity, on which the
 *     idempotency filter keys it)
 * @param id the CloudEvent {@code id}
 * @param action what happened to the object
 * @param cloud {@code aws}, {@code gcp} or {@code azure}
 * @param bucket bucket or container
 * @param key decoded object key / blob name
 * @param size bytes, or null
 * @param etag ETag, or null
 * @param time event time (ISO-8601), or null
 */
record StorageEvent(
    String source,
    String id,
    Action action,
    String cloud,
    String bucket,
    String key,
    Long size,
    String etag,
    String time) {

  /** What the event says happened. */
  enum Action {
    CREATED,
    DELETED,
    /** another event of the same service (e.g. a metadata update): acknowledged, nothing stored */
    OTHER
  }

  StorageEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(cloud, "cloud");
  }
}
