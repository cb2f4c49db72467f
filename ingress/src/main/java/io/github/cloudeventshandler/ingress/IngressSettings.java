package io.github.cloudeventshandler.ingress;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import java.time.Duration;
import java.util.Map;

/**
 * The ingress's own settings ({@code CEH_INGRESS_*}, read through core's {@link Configuration} like
 * every other {@code CEH_*} setting), and the platform's {@code PORT}.
 *
 * @param host the address to listen on
 * @param port the port ({@code 0}: any free port)
 * @param maxConcurrency requests served at once; one more is answered 503 with {@code Retry-After}
 * @param retryAfterSeconds the {@code Retry-After} of that 503
 * @param drainDelay after SIGTERM, how long readiness says "draining" before the listener closes
 * @param shutdownTimeout how long requests in flight may take to finish once the listener closed
 */
record IngressSettings(
    String host,
    int port,
    int maxConcurrency,
    int retryAfterSeconds,
    Duration drainDelay,
    Duration shutdownTimeout) {

  static final String HOST = "CEH_INGRESS_HOST";
  static final String PORT = "CEH_INGRESS_PORT";
  static final String MAX_CONCURRENCY = "CEH_INGRESS_MAX_CONCURRENCY";
  static final String RETRY_AFTER_SECONDS = "CEH_INGRESS_RETRY_AFTER_SECONDS";
  static final String DRAIN_DELAY_MS = "CEH_INGRESS_DRAIN_DELAY_MS";
  static final String SHUTDOWN_TIMEOUT_MS = "CEH_INGRESS_SHUTDOWN_TIMEOUT_MS";

  /** The port variable Cloud Run, Knative and Container Apps set. */
  static final String PLATFORM_PORT = "PORT";

  /** The defaults, for a container: every interface, port 8080. */
  static IngressSettings defaults() {
    return new IngressSettings("0.0.0.0", 8080, 80, 1, Duration.ZERO, Duration.ofSeconds(9));
  }

  /**
   * The settings of a configuration; {@code CEH_INGRESS_PORT} wins over the platform's {@code PORT}
   * (from {@code environment}).
   *
   * @throws ConfigurationException naming the setting that is not a number in its range
   */
  static IngressSettings from(Configuration c, Map<String, String> environment) {
    IngressSettings d = defaults();
    String portText = c.setting(PORT).orElse(environment.get(PLATFORM_PORT));
    return new IngressSettings(
        c.setting(HOST).map(String::trim).orElse(d.host()),
        portText == null ? d.port() : number(PORT + " / " + PLATFORM_PORT, portText, 0, 65535),
        c.setting(MAX_CONCURRENCY)
            .map(v -> number(MAX_CONCURRENCY, v, 1, 100_000))
            .orElse(d.maxConcurrency()),
        c.setting(RETRY_AFTER_SECONDS)
            .map(v -> number(RETRY_AFTER_SECONDS, v, 0, 3600))
            .orElse(d.retryAfterSeconds()),
        c.setting(DRAIN_DELAY_MS)
            .map(v -> Duration.ofMillis(number(DRAIN_DELAY_MS, v, 0, 600_000)))
            .orElse(d.drainDelay()),
        c.setting(SHUTDOWN_TIMEOUT_MS)
            .map(v -> Duration.ofMillis(number(SHUTDOWN_TIMEOUT_MS, v, 0, 3_600_000)))
            .orElse(d.shutdownTimeout()));
  }

  /** The same settings on another address and port. */
  IngressSettings at(String host, int port) {
    return new IngressSettings(
        host, port, maxConcurrency, retryAfterSeconds, drainDelay, shutdownTimeout);
  }

  private static int number(String name, String value, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name + " must be a whole number, not '" + value + "'");
    }
    if (n < min || n > max) {
      throw new ConfigurationException(
          name + " must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }
}
