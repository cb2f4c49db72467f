package io.github.cloudeventshandler.gcp.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.util.regex.Pattern;

/**
 * Cloud Storage object events ({@code google.cloud.storage.object.v1.finalized}, {@code deleted},
 * {@code archived}, {@code metadataUpdated}, and the legacy {@code changed}) → {@code
 * /google.cloud.storage}. Requires {@code subject} {@code objects/<name>}; rejects a bucket that is
 * not a bucket name and an object name with a {@code .} or {@code ..} segment (see gcp/README.md).
 */
public final class StorageClassifier extends GoogleCloudEventClassifier {
  static final String TYPE_PREFIX = "google.cloud.storage.object.";
  private static final String SOURCE_PREFIX = "//storage.googleapis.com/projects/_/buckets/";
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

  /** For {@link java.util.ServiceLoader}. */
  public StorageClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith(TYPE_PREFIX);
  }

  @Override
  protected void check(GoogleEvent event) {
    String source = event.event().getSource().toString();
    if (source.startsWith(SOURCE_PREFIX)) {
      String bucket = source.substring(SOURCE_PREFIX.length());
      if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
        throw new BadEventException(
            Problem.UNSAFE_PATH,
            event.describe()
                + ": source names bucket '"
                + bucket
                + "', which is not a bucket name");
      }
    }
    String name = requireSubject(event, "objects/");
    for (String segment : name.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new BadEventException(
            Problem.UNSAFE_PATH,
            event.describe()
                + ": object name '"
                + name
                + "' has a '"
                + segment
                + "' segment; refused so that no application joins it onto a file path");
      }
    }
  }
}
