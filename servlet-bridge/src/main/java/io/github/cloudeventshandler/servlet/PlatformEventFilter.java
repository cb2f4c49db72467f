package io.github.cloudeventshandler.servlet;

import io.github.cloudeventshandler.core.RequestAttributes;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps event routes ({@code /aws.s3}, {@code /google.cloud.storage}, {@code /microsoft.storage},
 * …) closed to requests from outside: a request passes only when the bridge made it from a platform
 * event that reached a native entry point, that is, when its request attribute {@link
 * RequestAttributes#PLATFORM_EVENT} is {@code Boolean.TRUE}. The bridge never sets that attribute
 * on HTTP proxy requests (API Gateway, ALB, Lambda function URLs, the GCP and Azure HTTP
 * pass-through, the HTTP ingress), and a request arriving over a socket cannot set it.
 *
 * <p>Register it on the event routes only, never on the app's public routes:
 *
 * <pre>{@code
 * // plain servlet API
 * context.addFilter("platformEvents", new PlatformEventFilter())
 *     .addMappingForUrlPatterns(null, false, "/aws.s3", "/google.cloud.storage");
 * // Spring Boot
 * @Bean FilterRegistrationBean<PlatformEventFilter> platformEvents() {
 *   var r = new FilterRegistrationBean<>(new PlatformEventFilter());
 *   r.addUrlPatterns("/aws.s3", "/google.cloud.storage", "/microsoft.storage");
 *   return r;
 * }
 * }</pre>
 *
 * <p>Failure contract: a refused request gets {@code 403} with the JSON body {@value #REFUSAL} and
 * never reaches the rest of the chain; the refusal is logged at WARN with method and path (no
 * payload). Through a native entry point the platform then sees a failure, as it should for an
 * event the app did not handle. Stateless and thread-safe.
 */
public final class PlatformEventFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformEventFilter.class);

  /** The body of a refusal. */
  public static final String REFUSAL =
      "{\"error\":\"forbidden\",\"rule\":\"event routes accept only platform events delivered by"
          + " the bridge (request attribute io.github.cloudeventshandler.platformEvent)\"}";

  private static final byte[] REFUSAL_BYTES = REFUSAL.getBytes(StandardCharsets.UTF_8);

  /** Creates the filter; it has no settings. */
  public PlatformEventFilter() {}

  /** Whether this request was made by the bridge from a platform event. */
  public static boolean isPlatformEvent(ServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(RequestAttributes.PLATFORM_EVENT));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isPlatformEvent(request)) {
      chain.doFilter(request, response);
      return;
    }
    if (LOG.isWarnEnabled()) {
      LOG.warn(
          "refused a request to an event route that is not a platform event: {}",
          describe(request));
    }
    HttpServletResponse http = (HttpServletResponse) response;
    http.setStatus(HttpServletResponse.SC_FORBIDDEN);
    http.setContentType("application/json");
    http.setContentLength(REFUSAL_BYTES.length);
    http.getOutputStream().write(REFUSAL_BYTES);
  }

  private static String describe(ServletRequest request) {
    if (request instanceof jakarta.servlet.http.HttpServletRequest h) {
      return h.getMethod() + " " + h.getRequestURI();
    }
    return request.getProtocol();
  }
}
