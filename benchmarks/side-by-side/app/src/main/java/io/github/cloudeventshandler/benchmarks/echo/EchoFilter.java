package io.github.cloudeventshandler.benchmarks.echo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;

/** A servlet filter on every request: adds {@code X-Bench-Filter: ran} to the response. */
@Component
class EchoFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** The response header the filter adds. */
  static final String HEADER = "X-Bench-Filter";

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    res.setHeader(HEADER, "ran");
    chain.doFilter(req, res);
  }
}
