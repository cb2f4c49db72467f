package io.github.cloudeventshandler.aws;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The application behind {@link LambdaRuntimeIT} ({@code CEH_APPLICATION}): an ordinary servlet.
 * {@code POST /aws.s3} answers 200 with the object key it was told about; {@code POST /aws.sqs}
 * answers 500 for a message whose body mentions {@code fail} and 204 otherwise; any other path (the
 * API Gateway request) answers 201 with a greeting, a header and a cookie.
 */
public class RuntimeProbeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Instantiated by the servlet bridge. */
  public RuntimeProbeServlet() {}

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    switch (req.getRequestURI()) {
      case "/aws.s3" -> {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.getWriter().write("{\"stored\":\"" + req.getHeader("ce-subject") + "\"}");
      }
      case "/aws.sqs" -> resp.setStatus(body.contains("fail") ? 500 : 204);
      default -> {
        resp.setStatus(201);
        resp.setContentType("text/plain;charset=utf-8");
        resp.setHeader("X-Probe", req.getMethod() + " " + req.getRequestURI());
        resp.addHeader("Set-Cookie", "probe=1; Path=/");
        resp.getWriter().write("hello " + req.getParameter("name"));
      }
    }
  }
}
