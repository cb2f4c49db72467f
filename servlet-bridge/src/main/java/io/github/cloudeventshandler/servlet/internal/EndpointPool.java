package io.github.cloudeventshandler.servlet.internal;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.LocalConnector.LocalEndPoint;

/**
 * Keep-alive {@link LocalEndPoint}s of one {@link LocalConnector}, reused last-in first-out so that
 * a sequential caller keeps using one warm connection. An endpoint is given back only after a
 * complete response that keeps the connection open; anything else closes it. At most {@code
 * maxIdle} endpoints are kept; concurrent callers beyond that open and close their own.
 */
public final class EndpointPool {
  private final LocalConnector connector;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<LocalEndPoint> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final AtomicLong opened = new AtomicLong();

  /** A pool over the connector keeping at most {@code maxIdle} idle endpoints. */
  public EndpointPool(LocalConnector connector, int maxIdle) {
    if (maxIdle < 0) {
      throw new IllegalArgumentException("maxIdle < 0: " + maxIdle);
    }
    this.connector = connector;
    this.maxIdle = maxIdle;
  }

  /** An open endpoint: an idle one, or a new connection. */
  public LocalEndPoint acquire() {
    LocalEndPoint endPoint;
    while ((endPoint = idle.pollFirst()) != null) {
      idleCount.decrementAndGet();
      if (endPoint.isOpen() && !endPoint.isOutputShutdown()) {
        return endPoint;
      }
    }
    opened.incrementAndGet();
    return connector.connect();
  }

  /** Gives back an endpoint whose last exchange completed and kept the connection open. */
  public void release(LocalEndPoint endPoint) {
    if (endPoint.isOpen() && idleCount.incrementAndGet() <= maxIdle) {
      idle.offerFirst(endPoint);
    } else {
      if (endPoint.isOpen()) {
        idleCount.decrementAndGet();
      }
      endPoint.close();
    }
  }

  /** Closes an endpoint that must not be reused (timeout, incomplete response, close asked). */
  public void discard(LocalEndPoint endPoint) {
    endPoint.close();
  }

  /** Closes every idle endpoint. */
  public void closeIdle() {
    LocalEndPoint endPoint;
    while ((endPoint = idle.pollFirst()) != null) {
      idleCount.decrementAndGet();
      endPoint.close();
    }
  }

  /** How many endpoints this pool has opened since it was created. */
  public long opened() {
    return opened.get();
  }

  /** How many endpoints are idle in the pool now. */
  public int idle() {
    return idleCount.get();
  }

  /** The most idle endpoints kept. */
  public int maxIdle() {
    return maxIdle;
  }
}
