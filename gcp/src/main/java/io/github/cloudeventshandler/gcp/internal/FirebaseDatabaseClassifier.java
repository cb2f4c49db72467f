package io.github.cloudeventshandler.gcp.internal;

/**
 * Firebase Realtime Database events ({@code google.firebase.database.ref.v1.created|updated|
 * deleted|written}) → {@code /google.firebase.database}. The {@code subject} ({@code refs/<path>})
 * is passed on as it is.
 */
public final class FirebaseDatabaseClassifier extends GoogleCloudEventClassifier {
  static final String TYPE_PREFIX = "google.firebase.database.ref.";

  /** For {@link java.util.ServiceLoader}. */
  public FirebaseDatabaseClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith(TYPE_PREFIX);
  }
}
