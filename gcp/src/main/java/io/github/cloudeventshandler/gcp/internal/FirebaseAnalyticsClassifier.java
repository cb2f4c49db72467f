package io.github.cloudeventshandler.gcp.internal;

/**
 * Google Analytics for Firebase events ({@code google.firebase.analytics.log.v1.written}) → {@code
 * /google.firebase.analytics}.
 */
public final class FirebaseAnalyticsClassifier extends GoogleCloudEventClassifier {
  static final String TYPE_PREFIX = "google.firebase.analytics.";

  /** For {@link java.util.ServiceLoader}. */
  public FirebaseAnalyticsClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith(TYPE_PREFIX);
  }
}
