package io.github.cloudeventshandler.ingress;

import io.github.cloudeventshandler.core.RequestAttributes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * The app of the ingress tests. Answers {@code <path> <ce-id> <platform event?>} and the body it
 * got; a body containing {@code fail-me} is answered 500; {@code /hold} waits for {@link #release}
 * (noting its arrival in {@link #held}); {@code /stuck} ignores interrupts until released. Jetty
 * makes it, so its record is static: one test class at a time.
 */
public class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** One request as the app saw it. */
  record Seen(String method, String path, String ceId, boolean platformEvent, String body) {}

  static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
  static final Semaphore held = new Semaphore(0);
  static volatile CountDownLatch release = new CountDownLatch(0);

  static void reset() {
    SEEN.clear();
    held.drainPermits();
    release = new CountDownLatch(1);
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String path = req.getRequestURI();
    boolean platform = Boolean.TRUE.equals(req.getAttribute(RequestAttributes.PLATFORM_EVENT));
    String ceId = req.getHeader("ce-id");
    if (!"com.example.load".equals(req.getHeader("ce-type"))) { // the load test notes nothing
      SEEN.add(new Seen(req.getMethod(), path, ceId, platform, body));
    }
    if (path.equals("/hold")) {
      held.release();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (path.equals("/stuck")) {
      while (release.getCount() > 0) {
        Thread.onSpinWait();
        Thread.interrupted(); // an application that ignores the bridge's interrupt
      }
    }
    resp.setStatus(body.contains("fail-me") ? 500 : 200);
    resp.setContentType("text/plain; charset=utf-8");
    resp.getOutputStream()
        .write((path + " " + ceId + " " + platform + "\n" + body).getBytes(StandardCharsets.UTF_8));
  }
}
