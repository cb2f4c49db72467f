package io.github.cloudeventshandler.gcp.internal;

/**
 * Every other Google CloudEvent type ({@code google.*}: Cloud Build, Firebase Alerts, Test Lab,
 * ...), routed by the general rule of {@link GoogleTypes#route(String)}. Runs after the specific
 * families and before a generic CloudEvents classifier.
 */
public final class GoogleTypeClassifier extends GoogleCloudEventClassifier {

  /** For {@link java.util.ServiceLoader}. */
  public GoogleTypeClassifier() {}

  @Override
  protected boolean claims(String type) {
    return GoogleTypes.isGoogle(type);
  }

  @Override
  public int priority() {
    return 200;
  }
}
