package io.github.cloudeventshandler.idempotency;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The app of the filter tests, installed on the real bridge by {@code ServletApplication}: the
 * filter under test on {@code /events/*} and {@code /tx/*} (swapped per test through {@link
 * #filter}), an event servlet whose behaviour each request picks with {@code X-*} headers, and a
 * servlet that writes its own row and completes the claim in the same JDBC transaction. It counts
 * how often each event ({@code X-Event}) really ran.
 */
public final class EventApp implements ServletContainerInitializer {
  /** The filter in front of the event routes. */
  static volatile Filter filter;

  /** The database and store of {@code /tx/*}. */
  static volatile DataSource txDatabase;

  static volatile JdbcIdempotencyStore txStore;

  /** Runs per event label. */
  static final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

  /** The answer body each run produced, per event label. */
  static final Map<String, String> answers = new ConcurrentHashMap<>();

  /** Latches that {@code X-Block: name} waits on (at most ten seconds). */
  static final Map<String, CountDownLatch> blocks = new ConcurrentHashMap<>();

  /** Counted down when a request starts running in the app ({@code X-Block} name). */
  static final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();

  /** For the bridge. */
  public EventApp() {}

  static void reset() {
    executions.clear();
    answers.clear();
    blocks.clear();
    entered.clear();
  }

  static int runs(String event) {
    AtomicInteger n = executions.get(event);
    return n == null ? 0 : n.get();
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    FilterRegistration.Dynamic f = context.addFilter("idempotency", new SwappableFilter());
    f.setAsyncSupported(true);
    f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/events/*", "/tx/*");
    ServletRegistration.Dynamic events = context.addServlet("events", new EventServlet());
    events.setAsyncSupported(true);
    events.addMapping("/events/*", "/plain/*");
    context.addServlet("tx", new TransactionServlet()).addMapping("/tx/*");
  }

  private static final class SwappableFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      filter.doFilter(req, res, chain);
    }
  }

  private static final class EventServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String event = String.valueOf(req.getHeader("X-Event"));
      byte[] body;
      try (InputStream in = req.getInputStream()) {
        body = in.readAllBytes();
      }
      executions.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
      String block = req.getHeader("X-Block");
      if (block != null) {
        entered.computeIfAbsent(block, b -> new CountDownLatch(1)).countDown();
        // a hung application: it waits on, even when the bridge interrupts it at the deadline
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean interrupted = false;
        while (true) {
          try {
            blocks
                .computeIfAbsent(block, b -> new CountDownLatch(1))
                .await(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      if (req.getHeader("X-Throw") != null) {
        throw new IllegalStateException("the app failed while handling " + event);
      }
      String execution = UUID.randomUUID().toString();
      String answer =
          "{\"event\":\""
              + event
              + "\",\"execution\":\""
              + execution
              + "\",\"bodyBytes\":"
              + body.length
              + ",\"claim\":"
              + (req.getAttribute(IdempotencyFilter.CLAIM) != null)
              + "}";
      answers.put(event, answer);
      String status = req.getHeader("X-Status");
      res.setStatus(status == null ? 200 : Integer.parseInt(status));
      res.setHeader("X-Execution", execution);
      res.addHeader("X-Repeated", "one");
      res.addHeader("X-Repeated", "two");
      res.addCookie(new Cookie("session", execution));
      String size = req.getHeader("X-Body-Bytes");
      if (size != null) {
        res.setContentType("application/octet-stream");
        res.getOutputStream().write(new byte[Integer.parseInt(size)]);
      } else if (req.getHeader("X-Writer") != null) {
        res.setContentType("text/plain;charset=UTF-8");
        res.getWriter().print("Grüße 🌍 " + execution); // never flushed by the app
      } else if (req.getHeader("X-Async") != null) {
        AsyncContext async = req.startAsync(req, res);
        async.start(
            () -> {
              try {
                res.setContentType("application/json");
                res.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              async.complete();
            });
      } else {
        res.setContentType("application/json");
        res.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * Writes one row of the app's own table and marks the event completed in the same transaction;
   * {@code X-Fail: before-commit} rolls both back, {@code X-Fail: after-commit} fails after the
   * commit, as a crash between the commit and the filter's write would.
   */
  private static final class TransactionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String event = String.valueOf(req.getHeader("X-Event"));
      executions.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
      IdempotencyClaim claim = (IdempotencyClaim) req.getAttribute(IdempotencyFilter.CLAIM);
      String fail = String.valueOf(req.getHeader("X-Fail"));
      try (Connection c = txDatabase.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO app_rows (event) VALUES (?)")) {
          s.setString(1, event);
          s.executeUpdate();
        }
        txStore.completeWithin(c, claim);
        if (fail.equals("before-commit")) {
          c.rollback();
          res.sendError(500, "the database failed before the commit");
          return;
        }
        c.commit();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      if (fail.equals("after-commit")) {
        throw new IllegalStateException("crashed after the commit");
      }
      res.setContentType("application/json");
      res.getWriter().print("{\"event\":\"" + event + "\"}");
    }
  }
}
