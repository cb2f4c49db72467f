package io.github.cloudeventshandler.aws;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain servlet for the zero-code test: answers what it saw, as JSON. */
public class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Requests served, by any instance. */
  static final AtomicInteger CALLS = new AtomicInteger();

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    CALLS.incrementAndGet();
    if (req.getRequestURI().equals("/boom")) {
      throw new IllegalStateException("secret: the database password is hunter2");
    }
    byte[] body = req.getInputStream().readAllBytes();
    resp.setStatus(req.getRequestURI().equals("/fail") ? 500 : 200);
    resp.setContentType("application/json");
    Object context = req.getAttribute("io.github.cloudeventshandler.platformContext");
    resp.getWriter()
        .write(
            "{\"method\":\""
                + req.getMethod()
                + "\",\"uri\":\""
                + req.getRequestURI()
                + "\",\"ceType\":\""
                + req.getHeader("ce-type")
                + "\",\"requestId\":\""
                + req.getHeader("lambda-runtime-aws-request-id")
                + "\",\"context\":"
                + (context != null)
                + ",\"bytes\":"
                + body.length
                + "}");
  }
}
