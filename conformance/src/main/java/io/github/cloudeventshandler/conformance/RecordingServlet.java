package io.github.cloudeventshandler.conformance;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.RequestAttributes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A plain servlet that records what the application side of the bridge really sees: method, raw
 * path, the servlet path the container decoded from it, query, every header, the body and the
 * bridge's request attributes. Jetty creates it, so the record is static (one test class at a time
 * per JVM); {@link #reset(List)} clears it and sets the statuses to answer with.
 *
 * <pre>{@code
 * ServletApplication app = ServletApplication.start(RecordingServlet.class, configuration);
 * RecordingServlet.reset(List.of(200));
 * new LambdaHandler(configuration, app).handleRequest(in, out, context);
 * RecordingServlet.seen().get(0).request().path(); // "/aws.s3"
 * }</pre>
 *
 * <p>Needs the servlet API at run time (the container provides it). Never throws from {@code
 * service}.
 */
public class RecordingServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /**
   * What one request looked like inside the servlet container.
   *
   * @param request method, raw path ({@code getRequestURI}), query, headers and body
   * @param servletPath the decoded path the container matches mappings against ({@code
   *     getServletPath} + {@code getPathInfo})
   * @param cloudEvent the {@link RequestAttributes#CLOUD_EVENT} attribute, or null
   * @param platformEvent the {@link RequestAttributes#PLATFORM_EVENT} attribute, or null
   * @param kind the {@link RequestAttributes#KIND} attribute, or null
   */
  public record Seen(
      AppRequest request,
      String servletPath,
      CloudEvent cloudEvent,
      Object platformEvent,
      Object kind) {}

  private static final List<Seen> SEEN = Collections.synchronizedList(new ArrayList<>());
  private static volatile List<Integer> answers = List.of(200);
  private static volatile String contentType;
  private static volatile String body;

  /**
   * Forgets what was seen and answers the next requests with these statuses (the last repeats) and
   * the text {@code seen <path>}.
   */
  public static void reset(List<Integer> statuses) {
    reset(statuses, null, null);
  }

  /**
   * Forgets what was seen and answers the next requests with these statuses (the last repeats) and
   * this body ({@code null} for the text {@code seen <path>}), e.g. {@code {}} for sources whose
   * reply is the application's JSON.
   */
  public static void reset(List<Integer> statuses, String answerContentType, String answerBody) {
    SEEN.clear();
    answers = List.copyOf(statuses);
    contentType = answerContentType;
    body = answerBody;
  }

  /** What was seen since the last {@link #reset}, in arrival order. */
  public static List<Seen> seen() {
    synchronized (SEEN) {
      return List.copyOf(SEEN);
    }
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    AppRequest.Builder b = AppRequest.builder(req.getMethod(), req.getRequestURI());
    b.query(req.getQueryString());
    for (String name : Collections.list(req.getHeaderNames())) {
      for (String value : Collections.list(req.getHeaders(name))) {
        b.header(name, value);
      }
    }
    b.body(req.getInputStream().readAllBytes());
    int status;
    synchronized (SEEN) {
      SEEN.add(
          new Seen(
              b.build(),
              req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo()),
              (CloudEvent) req.getAttribute(RequestAttributes.CLOUD_EVENT),
              req.getAttribute(RequestAttributes.PLATFORM_EVENT),
              req.getAttribute(RequestAttributes.KIND)));
      status = answers.get(Math.min(SEEN.size() - 1, answers.size() - 1));
    }
    String answer = body;
    resp.setStatus(status);
    resp.setContentType(answer == null ? "text/plain;charset=utf-8" : contentType);
    resp.getOutputStream()
        .write(
            (answer == null ? "seen " + req.getRequestURI() : answer)
                .getBytes(StandardCharsets.UTF_8));
  }
}
