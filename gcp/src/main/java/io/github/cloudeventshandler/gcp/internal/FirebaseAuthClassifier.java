package io.github.cloudeventshandler.gcp.internal;

/**
 * Firebase Authentication user events ({@code google.firebase.auth.user.v1.created|deleted}) →
 * {@code /google.firebase.auth}.
 */
public final class FirebaseAuthClassifier extends GoogleCloudEventClassifier {
  static final String TYPE_PREFIX = "google.firebase.auth.user.";

  /** For {@link java.util.ServiceLoader}. */
  public FirebaseAuthClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith(TYPE_PREFIX);
  }
}
