package io.github.cloudeventshandler.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts {@code destroy()} calls, as a Spring context counts its {@code @PreDestroy} hooks. */
public class DestroyProbeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final AtomicInteger DESTROYED = new AtomicInteger();

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) {
    resp.setStatus(204);
  }

  @Override
  public void destroy() {
    DESTROYED.incrementAndGet();
  }
}
