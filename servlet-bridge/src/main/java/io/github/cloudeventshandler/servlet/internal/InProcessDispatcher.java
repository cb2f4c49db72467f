package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.DispatchException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpChannelState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link AppRequest} through Jetty's own request handling on the caller's thread: the
 * checked {@link RequestHead} goes to a new {@link HttpChannelState} over an {@link
 * InProcessExchange}, the attributes are set on the core request (the servlet request sees the same
 * objects), and the {@code Runnable} Jetty returns — customizers, URI and HTTP compliance checks,
 * the handler tree, the servlet filter chain — runs right here. No bytes are written or parsed and
 * no other thread is woken.
 *
 * <p>Deadlines: the {@link Watchdog} marks a request that runs past {@link AppRequest#timeout()} as
 * expired and interrupts the thread running it once; when the application returns, the caller gets
 * a {@link DispatchException} (the record fails and is retried), never a late success. A request
 * that keeps running past its deadline is <em>abandoned</em>: it is logged once, and while {@code
 * maxAbandoned} or more are, the dispatcher refuses new requests at once, naming them — the
 * instance reports itself unhealthy so that the platform replaces it. Thread-safe.
 */
public final class InProcessDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessDispatcher.class);

  private final Connector connector;
  private final HttpConfiguration http;
  private final int maxAbandoned;
  private final AtomicInteger abandoned = new AtomicInteger();
  private final Watchdog watchdog;

  /** A dispatcher whose requests Jetty sees as coming through {@code connector}. */
  public InProcessDispatcher(Connector connector, HttpConfiguration http, int maxAbandoned) {
    this.connector = connector;
    this.http = http;
    this.maxAbandoned = maxAbandoned;
    this.watchdog = new Watchdog("cloud-events-handler-watchdog", this::expired);
  }

  /**
   * Sends the request through the application's filter chain and returns its response.
   *
   * @throws BadEventException when Jetty would refuse the request (see {@link RequestHead})
   * @throws DispatchException on timeout, a broken or over-long response, or while unhealthy
   */
  public AppResponse dispatch(AppRequest request) {
    if (request.timeout().isNegative() || request.timeout().isZero()) {
      throw new DispatchException(
          "no time left to dispatch "
              + describe(request)
              + " (timeout "
              + request.timeout().toMillis()
              + " ms); it was not sent and counts as failed");
    }
    String unhealthy = unhealthy();
    if (unhealthy != null) {
      throw new DispatchException(
          unhealthy + "; " + describe(request) + " was not sent and counts as failed");
    }
    MetaData.Request head = RequestHead.of(request, http);
    InProcessExchange exchange =
        new InProcessExchange(
            http, request, System.nanoTime() + timeoutNanos(request), this::finishedLate);
    HttpChannelState channel = new HttpChannelState(new InProcessConnection(connector, http));
    exchange.channel(channel);
    channel.setHttpStream(exchange);
    Runnable handle = channel.onRequest(head);
    Request core = channel.getRequest();
    for (Map.Entry<String, Object> a : request.attributes().entrySet()) {
      core.setAttribute(a.getKey(), a.getValue());
    }
    watchdog.arm(exchange);
    exchange.running(Thread.currentThread());
    try {
      handle.run();
    } finally {
      exchange.returned();
    }
    boolean done;
    try {
      done = exchange.isCompleted() || exchange.awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      expired(exchange);
      throw new DispatchException(
          "interrupted while waiting for the application's response to "
              + describe(request)
              + "; the request counts as failed",
          e);
    } finally {
      watchdog.disarm(exchange);
    }
    if (!done) {
      expired(exchange); // an asynchronous response that is still outstanding
    }
    if (exchange.isExpired()) {
      throw timedOut(request);
    }
    return outcome(request, exchange);
  }

  private static AppResponse outcome(AppRequest request, InProcessExchange exchange) {
    if (exchange.overLimit()) {
      throw new DispatchException(
          "the application's answer to "
              + describe(request)
              + " is over the "
              + request.maxResponseBytes()
              + " bytes the platform can return; the request counts as failed");
    }
    Throwable failure = exchange.failure();
    if (failure != null && !exchange.committed()) {
      throw new DispatchException(
          "no response from the application to " + describe(request) + ": " + failure, failure);
    }
    if (failure != null) {
      throw new DispatchException(
          "the application's response to "
              + describe(request)
              + " broke off after it began: "
              + failure,
          failure);
    }
    if (!exchange.committed()) {
      throw new DispatchException(
          "the application completed " + describe(request) + " without a response");
    }
    return exchange.response();
  }

  /** Called once per exchange that ran past its deadline (watchdog or caller). */
  private void expired(InProcessExchange exchange) {
    if (!exchange.expire(abandoned::incrementAndGet)) {
      return;
    }
    int now = abandoned.get();
    LOG.warn(
        "{} ran past its timeout of {} ms and keeps running; it counts as failed and is abandoned"
            + " ({} abandoned now, the application refuses requests at {})",
        describe(exchange.request()),
        exchange.request().timeout().toMillis(),
        now,
        maxAbandoned);
    if (now == maxAbandoned) {
      LOG.error(
          "{} requests are running past their deadline: the servlet application reports itself"
              + " unhealthy and refuses new requests until fewer are; replace this instance",
          now);
    }
  }

  private void finishedLate() {
    abandoned.decrementAndGet();
  }

  /** A description of why requests are refused, or null while healthy. */
  public String unhealthy() {
    int now = abandoned.get();
    if (now < maxAbandoned) {
      return null;
    }
    return "the servlet application is unhealthy: "
        + now
        + " requests are still running past their deadline (the limit is "
        + maxAbandoned
        + "); replace this instance";
  }

  /** How many requests are running past their deadline now. */
  public int abandoned() {
    return abandoned.get();
  }

  @Override
  public void close() {
    watchdog.stop();
  }

  /** The timeout in nanoseconds, capped so that the deadline cannot overflow. */
  private static long timeoutNanos(AppRequest request) {
    long cap = Long.MAX_VALUE / 4;
    return request.timeout().compareTo(Duration.ofNanos(cap)) > 0
        ? cap
        : request.timeout().toNanos();
  }

  private static DispatchException timedOut(AppRequest request) {
    return new DispatchException(
        "the application did not answer "
            + describe(request)
            + " within its timeout of "
            + request.timeout().toMillis()
            + " ms; the request counts as failed");
  }

  private static String describe(AppRequest request) {
    return request.method() + " " + request.path();
  }
}
