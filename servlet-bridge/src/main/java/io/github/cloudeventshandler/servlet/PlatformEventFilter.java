package io.github.cloudeventshandler.servlet;

import io.github.cloudeventshandler.core.RequestAttributes;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
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
 * <p>A platform event proves which trigger delivered it, not which service produced it. A filter
 * made with {@link #forKinds(String...)} also requires the request's event kind ({@link
 * RequestAttributes#KIND}) to be one of the given kinds, so a route guarded for {@code aws.s3}
 * refuses an Event Grid event that a route override (or a mistake) sends there:
 *
 * <pre>{@code
 * // plain servlet API: one filter per route, with the kinds it accepts
 * context.addFilter("s3Events", PlatformEventFilter.forKinds("aws.s3"))
 *     .addMappingForUrlPatterns(null, false, "/aws.s3");
 * // or by class name, with the init parameter "kinds" (comma-separated; absent = any kind)
 * FilterRegistration.Dynamic f = context.addFilter("gcsEvents", PlatformEventFilter.class);
 * f.setInitParameter(PlatformEventFilter.KINDS, "google.cloud.storage");
 * // Spring Boot
 * @Bean FilterRegistrationBean<PlatformEventFilter> s3Events() {
 *   var r = new FilterRegistrationBean<>(PlatformEventFilter.forKinds("aws.s3"));
 *   r.addUrlPatterns("/aws.s3");
 *   return r;
 * }
 * }</pre>
 *
 * <p>Failure contract: a request that is not a platform event gets {@code 403} with the JSON body
 * {@value #REFUSAL}; a platform event of another kind gets {@code 403} with {@value #KIND_REFUSAL}.
 * Neither reaches the rest of the chain; the refusal is logged at WARN with method, path and kind
 * (no payload). Through a native entry point the platform then sees a failure, as it should for an
 * event the app did not handle. Stateless after {@link #init} and thread-safe.
 */
public final class PlatformEventFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformEventFilter.class);

  /** The init parameter naming the accepted kinds, comma-separated. */
  public static final String KINDS = "kinds";

  /** The body of a refusal of a request that is not a platform event. */
  public static final String REFUSAL =
      "{\"error\":\"forbidden\",\"rule\":\"event routes accept only platform events delivered by"
          + " the bridge (request attribute io.github.cloudeventshandler.platformEvent)\"}";

  /** The body of a refusal of a platform event whose kind the route does not accept. */
  public static final String KIND_REFUSAL =
      "{\"error\":\"forbidden\",\"rule\":\"this event route accepts only the event kinds it was"
          + " registered for (request attribute io.github.cloudeventshandler.kind)\"}";

  private static final byte[] REFUSAL_BYTES = REFUSAL.getBytes(StandardCharsets.UTF_8);
  private static final byte[] KIND_REFUSAL_BYTES = KIND_REFUSAL.getBytes(StandardCharsets.UTF_8);

  /** The accepted kinds; empty means any kind. */
  private Set<String> kinds;

  /**
   * A filter that accepts platform events of any kind (the {@value #KINDS} init parameter can
   * narrow it).
   */
  public PlatformEventFilter() {
    this.kinds = Set.of();
  }

  private PlatformEventFilter(Set<String> kinds) {
    this.kinds = kinds;
  }

  /**
   * A filter that accepts only platform events of these kinds ({@code aws.s3}, {@code
   * google.cloud.storage}, {@code azure.eventgrid}, … as {@code EventPipeline.explain} shows them).
   *
   * @throws IllegalArgumentException when no kind, or a blank one, is given
   */
  public static PlatformEventFilter forKinds(String... kinds) {
    return new PlatformEventFilter(kinds(Arrays.asList(kinds), "forKinds"));
  }

  /** Reads the {@value #KINDS} init parameter when there is one. */
  @Override
  public void init(FilterConfig config) {
    String param = config == null ? null : config.getInitParameter(KINDS);
    if (param != null) {
      kinds = kinds(Arrays.asList(param.split(",", -1)), "init parameter " + KINDS);
    }
  }

  /** The event kinds this filter accepts; empty when it accepts any kind. */
  public Set<String> kinds() {
    return kinds;
  }

  /** Whether this request was made by the bridge from a platform event. */
  public static boolean isPlatformEvent(ServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(RequestAttributes.PLATFORM_EVENT));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!isPlatformEvent(request)) {
      refuse(request, response, REFUSAL_BYTES, "it is not a platform event");
      return;
    }
    if (!kinds.isEmpty()
        && !(request.getAttribute(RequestAttributes.KIND) instanceof String kind
            && kinds.contains(kind))) {
      refuse(request, response, KIND_REFUSAL_BYTES, "its kind is not one of " + kinds);
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(
      ServletRequest request, ServletResponse response, byte[] body, String why)
      throws IOException {
    if (LOG.isWarnEnabled()) {
      LOG.warn(
          "refused a request to an event route because {}: {} (kind {})",
          why,
          describe(request),
          request.getAttribute(RequestAttributes.KIND));
    }
    HttpServletResponse http = (HttpServletResponse) response;
    http.setStatus(HttpServletResponse.SC_FORBIDDEN);
    http.setContentType("application/json");
    http.setContentLength(body.length);
    http.getOutputStream().write(body);
  }

  private static Set<String> kinds(Iterable<String> given, String where) {
    Set<String> out = new LinkedHashSet<>();
    for (String k : given) {
      String kind = k == null ? "" : k.strip();
      if (kind.isEmpty()) {
        throw new IllegalArgumentException(
            "PlatformEventFilter " + where + ": an event kind is empty");
      }
      out.add(kind);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("PlatformEventFilter " + where + ": no event kind given");
    }
    return Set.copyOf(out);
  }

  private static String describe(ServletRequest request) {
    if (request instanceof jakarta.servlet.http.HttpServletRequest h) {
      return h.getMethod() + " " + h.getRequestURI();
    }
    return request.getProtocol();
  }
}
