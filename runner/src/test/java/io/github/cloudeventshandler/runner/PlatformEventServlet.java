package io.github.cloudeventshandler.runner;

import io.github.cloudeventshandler.core.RequestAttributes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Answers every POST with whether the bridge marked the request as a platform event. */
public class PlatformEventServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    byte[] body =
        ("platformEvent="
                + req.getAttribute(RequestAttributes.PLATFORM_EVENT)
                + " path="
                + req.getRequestURI())
            .getBytes(StandardCharsets.UTF_8);
    resp.setContentType("text/plain;charset=utf-8");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
