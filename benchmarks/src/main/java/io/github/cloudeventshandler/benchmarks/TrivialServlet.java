package io.github.cloudeventshandler.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Reads the whole body and answers {@code 200 ok}: the least an event handler can do. */
public class TrivialServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final byte[] OK = {'o', 'k'};

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    req.getInputStream().readAllBytes();
    resp.setStatus(200);
    resp.setContentType("text/plain");
    resp.setContentLength(OK.length);
    resp.getOutputStream().write(OK);
  }
}
