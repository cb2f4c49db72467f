package io.github.cloudeventshandler.ingress;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@link ContainerIngressIT}'s app: every request takes {@link #MILLIS}, then says its query. */
public class SlowServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  static final long MILLIS = 3000;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    try {
      Thread.sleep(MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      resp.setStatus(500);
      return;
    }
    resp.setContentType("text/plain; charset=utf-8");
    resp.getOutputStream()
        .write(("slept " + req.getQueryString()).getBytes(StandardCharsets.UTF_8));
  }
}
