package io.github.cloudeventshandler.servlet.internal;

import java.util.Objects;

/**
 * Tuning of the embedded Jetty.
 *
 * @param maxThreads the most Jetty worker threads (requests run on them, not on the caller's)
 * @param maxIdleEndpoints the most keep-alive endpoints kept for reuse
 * @param maxHeaderBytes the largest request or response header block
 * @param httpHost the address of the HTTP ingress
 * @param httpPort the port of the HTTP ingress, 0 for any free port, -1 for no ingress
 */
public record JettySettings(
    int maxThreads, int maxIdleEndpoints, int maxHeaderBytes, String httpHost, int httpPort) {

  /** No ingress, 200 threads, 64 idle endpoints, 64 KiB headers. */
  public static final JettySettings DEFAULT =
      new JettySettings(200, 64, 64 * 1024, "127.0.0.1", -1);

  /** Validates. */
  public JettySettings {
    if (maxThreads < 8) {
      throw new IllegalArgumentException("maxThreads must be at least 8: " + maxThreads);
    }
    if (maxIdleEndpoints < 0) {
      throw new IllegalArgumentException("maxIdleEndpoints < 0: " + maxIdleEndpoints);
    }
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("maxHeaderBytes < 1024: " + maxHeaderBytes);
    }
    if (httpPort < -1 || httpPort > 65535) {
      throw new IllegalArgumentException("not a port: " + httpPort);
    }
    Objects.requireNonNull(httpHost, "httpHost");
  }
}
