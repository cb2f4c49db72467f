package io.github.cloudeventshandler.samples.books;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The app's own logging filter: every request gets an {@code X-Correlation-Id} response header,
 * taken from the CloudEvent id ({@code ce-id}) when the request is an event, else from the caller's
 * {@code X-Correlation-Id}, else a new UUID. One log line per request names it. Events run through
 * it like any request, which is the point of the bridge.
 */
final class CorrelationFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CorrelationFilter.class);

  /** The response header. */
  static final String HEADER = "X-Correlation-Id";

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String ceId = req.getHeader("ce-id");
    String id = ceId != null ? ceId : req.getHeader(HEADER);
    if (id == null || id.isBlank()) {
      id = UUID.randomUUID().toString();
    }
    res.setHeader(HEADER, id);
    MDC.put("correlationId", id);
    try {
      chain.doFilter(req, res);
    } finally {
      MDC.remove("correlationId");
      LOG.info(
          "{} {} correlation={} event={} status={}",
          req.getMethod(),
          req.getRequestURI(),
          id,
          ceId != null,
          res.getStatus());
    }
  }
}
