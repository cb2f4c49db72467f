package io.github.cloudeventshandler.servlet.internal;

import java.util.Objects;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * Tuning of the embedded Jetty, and the one place its request limits come from: {@link
 * #httpConfiguration()} is what Jetty's connectors use and what {@link RequestHead} checks
 * in-process requests against, so a request the bridge lets through is one Jetty accepts.
 *
 * @param maxThreads the most Jetty worker threads (the HTTP ingress and timed-out requests' failure
 *     callbacks run on them; in-process requests run on the caller's thread)
 * @param maxHeaderBytes the largest request or response header section
 * @param httpHost the address of the HTTP ingress
 * @param httpPort the port of the HTTP ingress, 0 for any free port, -1 for no ingress
 * @param maxAbandoned how many requests may run on past their deadline before the application
 *     reports itself unhealthy and refuses further requests
 */
public record JettySettings(
    int maxThreads, int maxHeaderBytes, String httpHost, int httpPort, int maxAbandoned) {

  /** No ingress, 200 threads, 64 KiB headers, 16 abandoned requests. */
  public static final JettySettings DEFAULT =
      new JettySettings(200, 64 * 1024, "127.0.0.1", -1, 16);

  /**
   * Jetty's default URI rules (RFC 3986, no ambiguous segments or separators such as {@code %2F}
   * inside a segment), as in any Servlet 6 container.
   */
  static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT;

  /** Jetty's default HTTP rules (RFC 9110). */
  static final HttpCompliance HTTP_COMPLIANCE = HttpCompliance.RFC9110;

  /** Validates. */
  public JettySettings {
    if (maxThreads < 8) {
      throw new IllegalArgumentException("maxThreads must be at least 8: " + maxThreads);
    }
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("maxHeaderBytes < 1024: " + maxHeaderBytes);
    }
    if (httpPort < -1 || httpPort > 65535) {
      throw new IllegalArgumentException("not a port: " + httpPort);
    }
    if (maxAbandoned < 1) {
      throw new IllegalArgumentException("maxAbandoned must be at least 1: " + maxAbandoned);
    }
    Objects.requireNonNull(httpHost, "httpHost");
  }

  /** A new Jetty HTTP configuration with these limits; no {@code Server}, {@code Date} headers. */
  public HttpConfiguration httpConfiguration() {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(maxHeaderBytes);
    http.setResponseHeaderSize(maxHeaderBytes);
    http.setUriCompliance(URI_COMPLIANCE);
    http.setHttpCompliance(HTTP_COMPLIANCE);
    return http;
  }
}
