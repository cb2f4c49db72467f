package io.github.cloudeventshandler.samples.hello;

import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An ordinary servlet that knows nothing about clouds: every event arrives as a {@code POST} to its
 * route, with the CloudEvent attributes as {@code ce-*} headers.
 *
 * <ul>
 *   <li>{@code GET /} answers {@code hello};
 *   <li>{@code POST} to any path answers 200 with a JSON summary: {@code
 *       {"path":"/aws.s3","ce-type":"…","ce-id":"…","bodyLength":1074}};
 *   <li>{@code POST} to a path containing {@code fail} answers 500 with the same summary, to show
 *       how a failed record is reported.
 * </ul>
 */
public class HelloServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!"/".equals(req.getRequestURI())) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    write(resp, 200, "text/plain;charset=utf-8", "hello from cloud-events-handler\n");
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    byte[] body = req.getInputStream().readAllBytes();
    JsonObject summary = new JsonObject();
    summary.addProperty("path", req.getRequestURI());
    summary.addProperty("ce-type", req.getHeader("ce-type"));
    summary.addProperty("ce-id", req.getHeader("ce-id"));
    summary.addProperty("bodyLength", body.length);
    int status = req.getRequestURI().contains("fail") ? 500 : 200;
    write(resp, status, "application/json", summary.toString());
  }

  private static void write(HttpServletResponse resp, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType(type);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
