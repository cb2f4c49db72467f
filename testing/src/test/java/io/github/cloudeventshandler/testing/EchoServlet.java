package io.github.cloudeventshandler.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application of these tests, started by {@link LocalCloud} on the real bridge: answers 500 to
 * a request whose body contains {@code FAIL}, 200 with {@code <path> <ce-id>} otherwise, and a Web
 * PubSub connect with {@code {"userId":…}}; counts its starts.
 */
public class EchoServlet extends HttpServlet {
  static final AtomicInteger STARTS = new AtomicInteger();

  @Override
  public void init() {
    STARTS.incrementAndGet();
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if ("azure.webpubsub.sys.connect".equals(req.getHeader("ce-type"))) {
      // a Web PubSub connect answer is the connection's identity
      resp.setContentType("application/json");
      resp.getWriter().print("{\"userId\":\"" + req.getHeader("ce-userId") + "\"}");
      return;
    }
    resp.setContentType("text/plain");
    resp.setStatus(body.contains("FAIL") ? 500 : 200);
    resp.getWriter().print(req.getRequestURI() + " " + req.getHeader("ce-id"));
  }
}
