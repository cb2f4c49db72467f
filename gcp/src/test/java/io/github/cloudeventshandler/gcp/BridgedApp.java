package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.servlet.ServletApplication;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real servlet application on the real servlet bridge (embedded Jetty), started once per test
 * JVM, that records what reached it: the requests the application actually saw, as a servlet sees
 * them, with the {@code PLATFORM_EVENT} request attribute. Test classes using it call {@link
 * #reset()} first (test classes run one after the other in this module).
 */
final class BridgedApp {
  private static ServletApplication bridge;

  /** One request as the servlet saw it. */
  record Seen(
      String method,
      String path,
      Map<String, List<String>> headers,
      String body,
      boolean platformEvent) {
    /** The first value of a header (names lower-cased), or null. */
    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

  /** The status the servlet answers with. */
  static volatile int status = 200;

  private BridgedApp() {}

  /** Records each request and answers {@link #status} with {@code seen <path>}. */
  public static final class RecordingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String name : Collections.list(req.getHeaderNames())) {
        headers.put(
            name.toLowerCase(Locale.ROOT), new ArrayList<>(Collections.list(req.getHeaders(name))));
      }
      SEEN.add(
          new Seen(
              req.getMethod(),
              req.getRequestURI(),
              headers,
              new String(req.getInputStream().readAllBytes(), UTF_8),
              Boolean.TRUE.equals(req.getAttribute(RequestAttributes.PLATFORM_EVENT))));
      resp.setStatus(status);
      resp.setContentType("text/plain");
      resp.getWriter().write("seen " + req.getRequestURI());
    }
  }

  /** The application, started on first use. */
  static synchronized ServletApplication app() {
    if (bridge == null) {
      bridge = ServletApplication.start(RecordingServlet.class, Configuration.builder().build());
      Runtime.getRuntime().addShutdownHook(new Thread(bridge::close));
    }
    return bridge;
  }

  /** Forgets what was seen; the servlet answers 200 again. */
  static void reset() {
    SEEN.clear();
    status = 200;
  }
}
