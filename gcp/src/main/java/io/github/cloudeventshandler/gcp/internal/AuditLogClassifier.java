package io.github.cloudeventshandler.gcp.internal;

/**
 * Cloud Audit Logs entries ({@code google.cloud.audit.log.v1.written}) → {@code
 * /google.cloud.audit}. The {@code servicename}, {@code methodname} and {@code resourcename}
 * extensions travel as {@code ce-*} headers.
 */
public final class AuditLogClassifier extends GoogleCloudEventClassifier {
  static final String TYPE_PREFIX = "google.cloud.audit.log.";

  /** For {@link java.util.ServiceLoader}. */
  public AuditLogClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith(TYPE_PREFIX);
  }
}
