package io.github.cloudeventshandler.gcp.internal;

/**
 * Firebase Remote Config events ({@code google.firebase.remoteconfig.remoteConfig.v1.updated}) →
 * {@code /google.firebase.remoteconfig}.
 */
public final class FirebaseRemoteConfigClassifier extends GoogleCloudEventClassifier {
  static final String TYPE_PREFIX = "google.firebase.remoteconfig.";

  /** For {@link java.util.ServiceLoader}. */
  public FirebaseRemoteConfigClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith(TYPE_PREFIX);
  }
}
