package io.github.cloudeventshandler.samples.books;

/**
 * A book's metadata, recorded when its upload event arrived.
 *
 * @param id the row id
 * @param cloud {@code aws}, {@code gcp} or {@code azure}
 * @param bucket the S3 / Cloud Storage bucket or the Blob Storage container
 * @param key the object key / name, decoded
 * @param size bytes, when the event said
 * @param etag the object's ETag, when the event said
 * @param time when the object was written (the event's time)
 */
public record Book(
    long id, String cloud, String bucket, String key, Long size, String etag, String time) {}
