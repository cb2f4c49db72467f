package io.github.cloudeventshandler.gcp.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;

/**
 * What {@code HttpEntryPoint} needs from Pub/Sub push token verification: the shape of {@code
 * io.github.cloudeventshandler.gcp.PushAuthenticator} ({@code enabled()}, {@code verify(String)}
 * throwing {@link BadEventException} with {@code UNAUTHENTICATED} or {@code FORBIDDEN}).
 *
 * <p>SEAM (until {@code PushAuthenticator} is on main): {@link #fromConfiguration} refuses to run
 * when push authentication is configured ({@code CEH_PUBSUB_AUDIENCE} set) rather than pretend to
 * verify; with nothing configured it is disabled, exactly as {@code PushAuthenticator} is then.
 */
public interface PushAuthentication {
  /** {@code CEH_PUBSUB_AUDIENCE}: the audience push tokens must carry. */
  String AUDIENCE = "CEH_PUBSUB_AUDIENCE";

  /** Whether tokens are checked at all. */
  boolean enabled();

  /**
   * Verifies the {@code Authorization} header value.
   *
   * @throws BadEventException {@code UNAUTHENTICATED} (401) or {@code FORBIDDEN} (403)
   */
  void verify(String authorizationHeaderValue);

  /** The verification the configuration asks for. */
  static PushAuthentication fromConfiguration(Configuration configuration) {
    if (configuration.setting(AUDIENCE).isPresent()) {
      throw new ConfigurationException(
          "gcp: "
              + AUDIENCE
              + " is set but this build has no Pub/Sub push token verifier (PushAuthenticator);"
              + " refusing to accept pushes unverified");
    }
    return new PushAuthentication() {
      @Override
      public boolean enabled() {
        return false;
      }

      @Override
      public void verify(String authorizationHeaderValue) {
        throw new IllegalStateException("push authentication is not enabled");
      }
    };
  }
}
