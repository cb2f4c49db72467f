package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.DispatchException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.LocalConnector.LocalEndPoint;

/**
 * One exchange over a pooled {@link LocalEndPoint}: register the attributes, write the request,
 * read the response with a deadline, give the endpoint back only when the connection is still good.
 * Thread-safe: every call has its own endpoint, parser and token.
 */
public final class LocalDispatcher {
  private final EndpointPool pool;
  private final AttributeHandler attributes;

  /** A dispatcher over a pool and the attribute handler in front of the application. */
  public LocalDispatcher(EndpointPool pool, AttributeHandler attributes) {
    this.pool = pool;
    this.attributes = attributes;
  }

  /**
   * Sends the request through the application's filter chain and returns its response.
   *
   * @throws io.github.cloudeventshandler.core.BadEventException when a header or the target cannot
   *     be sent safely
   * @throws DispatchException on timeout, interruption or a broken response
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
    String token = attributes.register(request.attributes());
    try {
      ByteBuffer bytes = RequestWriter.write(request, token);
      return exchange(request, bytes);
    } finally {
      attributes.release(token);
    }
  }

  private AppResponse exchange(AppRequest request, ByteBuffer bytes) {
    long timeoutNanos = timeoutNanos(request);
    long deadline = System.nanoTime() + timeoutNanos;
    LocalEndPoint endPoint = pool.acquire();
    boolean reusable = false;
    try {
      ResponseReader reader = new ResponseReader(request.method());
      // executed on Jetty's thread pool, so that this thread can keep the deadline
      endPoint.addInputAndExecute(bytes);
      while (true) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw timedOut(request);
        }
        ByteBuffer output = endPoint.waitForOutput(remaining, TimeUnit.NANOSECONDS);
        if (output != null && output.hasRemaining()) {
          if (reader.parse(output)) {
            reusable = reader.isReusable() && !output.hasRemaining();
            return reader.response();
          }
          if (reader.failure() != null) {
            throw broken(request, reader.failure());
          }
          if (output.hasRemaining()) {
            throw broken(request, "the HTTP parser stopped before the end of the response bytes");
          }
        } else if (!endPoint.isOpen() || endPoint.isOutputShutdown()) {
          if (reader.endOfInput()) {
            return reader.response();
          }
          throw broken(
              request,
              reader.failure() != null
                  ? reader.failure()
                  : "the connection ended before the response was complete");
        }
      }
    } catch (RuntimeException e) {
      if (e instanceof CloudEventsHandlerException) {
        throw e;
      }
      // e.g. the endpoint reached EOF or Jetty's thread pool is stopping
      throw new DispatchException(
          "Jetty failed to carry " + describe(request) + "; the request counts as failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DispatchException(
          "interrupted while waiting for the application's response to "
              + describe(request)
              + "; the request counts as failed",
          e);
    } finally {
      if (reusable) {
        pool.release(endPoint);
      } else {
        pool.discard(endPoint);
      }
    }
  }

  /** The timeout in nanoseconds, capped so that the deadline cannot overflow. */
  private static long timeoutNanos(AppRequest request) {
    long cap = Long.MAX_VALUE / 4;
    return request.timeout().compareTo(java.time.Duration.ofNanos(cap)) > 0
        ? cap
        : request.timeout().toNanos();
  }

  private static DispatchException timedOut(AppRequest request) {
    return new DispatchException(
        "the application did not answer "
            + describe(request)
            + " within its timeout of "
            + request.timeout().toMillis()
            + " ms; the connection was closed and the request counts as failed");
  }

  private static DispatchException broken(AppRequest request, String why) {
    return new DispatchException(
        "no usable response from the application to " + describe(request) + ": " + why);
  }

  private static String describe(AppRequest request) {
    return request.method() + " " + request.path();
  }
}
