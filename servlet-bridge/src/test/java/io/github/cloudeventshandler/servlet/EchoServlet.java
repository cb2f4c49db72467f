package io.github.cloudeventshandler.servlet;

import io.github.cloudeventshandler.core.RequestAttributes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** The test application: a plain servlet whose answers report what it saw. */
public class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Attributes seen per {@code X-Test-Id}, to check object identity. */
  static final Map<String, Map<String, Object>> SEEN = new ConcurrentHashMap<>();

  /** Ids of requests that reached the servlet. */
  static final Map<String, Boolean> REACHED = new ConcurrentHashMap<>();

  /** Holds {@code /hang} requests until counted down; they ignore interrupts meanwhile. */
  static volatile CountDownLatch hang = new CountDownLatch(1);

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    String id = req.getHeader("X-Test-Id");
    if (id != null) {
      REACHED.put(id, Boolean.TRUE);
    }
    String path = req.getRequestURI();
    switch (path) {
      case "/boom" -> throw new IllegalStateException("the application failed on purpose");
      case "/secret" -> resp.sendError(500, "db password is hunter2");
      case "/hang" -> {
        boolean interrupted = false;
        while (true) {
          try {
            hang.await();
            break;
          } catch (InterruptedException e) {
            interrupted = true; // a badly behaved application: it carries on waiting
          }
        }
        resp.setHeader("X-Interrupted", String.valueOf(interrupted));
        resp.setStatus(200);
      }
      case "/big" -> {
        // an answer of ?mb= megabytes, written in 64 KiB pieces
        byte[] piece = new byte[64 * 1024];
        long mb = Long.parseLong(req.getParameter("mb"));
        resp.setContentType("application/octet-stream");
        OutputStream out = resp.getOutputStream();
        for (long i = 0; i < mb * 16; i++) {
          out.write(piece);
        }
      }
      case "/slow" -> {
        try {
          Thread.sleep(Long.parseLong(req.getParameter("ms")));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        resp.setStatus(204);
      }
      case "/cookies" -> {
        resp.addHeader("Set-Cookie", "a=1; Path=/");
        resp.addHeader("Set-Cookie", "b=2; Path=/");
        resp.setContentType("text/plain");
        OutputStream out = resp.getOutputStream();
        for (int i = 0; i < 5; i++) {
          out.write(("part" + i + ";").getBytes(StandardCharsets.US_ASCII));
          out.flush(); // no Content-Length: Jetty answers chunked
        }
      }
      case "/async" -> {
        jakarta.servlet.AsyncContext async = req.startAsync();
        new Thread(
                () -> {
                  try {
                    Thread.sleep(50);
                    HttpServletResponse r = (HttpServletResponse) async.getResponse();
                    r.setStatus(202);
                    r.getOutputStream()
                        .write(
                            ("async " + Thread.currentThread().getName())
                                .getBytes(StandardCharsets.UTF_8));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  } finally {
                    async.complete();
                  }
                },
                "app-async")
            .start();
      }
      case "/header" -> {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getOutputStream()
            .write(String.valueOf(req.getHeader("X-Echo")).getBytes(StandardCharsets.UTF_8));
      }
      case "/close" -> {
        resp.setHeader("Connection", "close");
        resp.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
      }
      case "/attributes" -> {
        Map<String, Object> seen = new ConcurrentHashMap<>();
        for (String name : Collections.list(req.getAttributeNames())) {
          if (name.startsWith("io.github.cloudeventshandler.")) {
            seen.put(name, req.getAttribute(name));
          }
        }
        for (String name :
            List.of(
                RequestAttributes.CLOUD_EVENT,
                RequestAttributes.RAW_EVENT,
                RequestAttributes.PLATFORM_CONTEXT,
                RequestAttributes.PLATFORM_EVENT)) {
          Object value = req.getAttribute(name);
          if (value != null) {
            seen.put(name + "#get", value);
          }
        }
        SEEN.put(id, seen);
        resp.setStatus(200);
      }
      default -> echo(req, resp);
    }
  }

  private static void echo(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    byte[] body = req.getInputStream().readAllBytes();
    resp.setStatus(200);
    resp.setHeader("X-Method", req.getMethod());
    resp.setHeader("X-Uri", req.getRequestURI());
    resp.setHeader("X-Query", String.valueOf(req.getQueryString()));
    resp.setHeader("X-Host", String.valueOf(req.getHeader("Host")));
    resp.setHeader("X-Content-Length", String.valueOf(req.getHeader("Content-Length")));
    resp.setHeader("X-Header-Names", String.join(",", Collections.list(req.getHeaderNames())));
    resp.setHeader(
        "X-Platform-Event", String.valueOf(req.getAttribute(RequestAttributes.PLATFORM_EVENT)));
    String ceId = req.getHeader("ce-id");
    if (ceId != null) {
      resp.setHeader("X-Ce-Id", ceId);
    }
    resp.setContentType("application/octet-stream");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
