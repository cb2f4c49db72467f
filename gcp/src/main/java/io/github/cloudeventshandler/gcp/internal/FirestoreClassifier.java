package io.github.cloudeventshandler.gcp.internal;

/**
 * Firestore document events ({@code google.cloud.firestore.document.v1.created|updated|deleted|
 * written} and their {@code .withAuthContext} variants) → {@code /google.cloud.firestore}. Eventarc
 * delivers their data as {@code application/protobuf}; it is passed on byte for byte with its
 * content type and never parsed. The {@code subject} ({@code documents/<path>}) is passed on as it
 * is.
 */
public final class FirestoreClassifier extends GoogleCloudEventClassifier {
  static final String TYPE_PREFIX = "google.cloud.firestore.document.";

  /** For {@link java.util.ServiceLoader}. */
  public FirestoreClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith(TYPE_PREFIX);
  }
}
