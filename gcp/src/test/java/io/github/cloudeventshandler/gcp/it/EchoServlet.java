package io.github.cloudeventshandler.gcp.it;

import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;

/**
 * The application ({@code CEH_APPLICATION}) of the invoker integration test: records each request
 * it receives as one JSON line (method, path, CloudEvent attributes from the {@code ce-*} headers,
 * content type, body) to {@code CEH_IT_RECORD} and answers with the same line. It answers 500 when
 * the {@code ce-subject} ends with {@code fail}, so the failure path can be driven from outside.
 */
public final class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    JsonObject ce = new JsonObject();
    for (String name : Collections.list(req.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("ce-")) {
        ce.addProperty(lower.substring(3), req.getHeader(name));
      }
    }
    JsonObject line = new JsonObject();
    line.addProperty("method", req.getMethod());
    line.addProperty("path", req.getRequestURI());
    line.add("ce", ce);
    line.addProperty("contentType", req.getContentType());
    line.addProperty(
        "body", new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    String text = line.toString();
    Recorder.record(text);
    boolean fail = ce.has("subject") && ce.get("subject").getAsString().endsWith("fail");
    resp.setStatus(fail ? 500 : 200);
    resp.setContentType("application/json");
    resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }
}
