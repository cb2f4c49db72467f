package io.github.cloudeventshandler.gcp.internal;

/**
 * Cloud Storage object events ({@code google.cloud.storage.object.v1.finalized}, {@code deleted},
 * {@code archived}, {@code metadataUpdated}, and the legacy {@code changed}) → {@code
 * /google.cloud.storage}. Object names are data: whatever a name holds ({@code a/../b}, {@code %},
 * spaces, non-ASCII, the control characters Cloud Storage allows), the event is delivered, the name
 * exactly as Google sent it in {@code subject} ({@code objects/<name>}) and in the data; it never
 * becomes part of a route (docs/troubleshooting.md#unsafe-path).
 */
public final class StorageClassifier extends GoogleCloudEventClassifier {
  static final String TYPE_PREFIX = "google.cloud.storage.object.";

  /** For {@link java.util.ServiceLoader}. */
  public StorageClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith(TYPE_PREFIX);
  }
}
