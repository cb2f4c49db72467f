package io.github.cloudeventshandler.servlet.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One daemon thread that notices in-process requests running past their deadline and hands each to
 * {@code onExpired} once. It sleeps until the earliest deadline it knows of and is woken only when
 * a request arrives with an earlier deadline than that, so back-to-back requests with similar
 * timeouts cost a set insertion and removal each, and never wake it.
 */
final class Watchdog {
  private static final long MIN_SLEEP = TimeUnit.SECONDS.toNanos(1);

  private final Set<InProcessExchange> running = ConcurrentHashMap.newKeySet();
  private final Consumer<InProcessExchange> onExpired;
  private final Thread thread;
  private final Object lock = new Object();
  private volatile long wakeAt;
  private volatile boolean stopped;

  Watchdog(String name, Consumer<InProcessExchange> onExpired) {
    this.onExpired = onExpired;
    this.wakeAt = System.nanoTime() + MIN_SLEEP;
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Watches an exchange until {@link #disarm}. */
  void arm(InProcessExchange exchange) {
    running.add(exchange);
    long deadline = exchange.deadline();
    if (deadline - wakeAt < 0) {
      synchronized (lock) {
        if (deadline - wakeAt < 0) {
          wakeAt = deadline;
          LockSupport.unpark(thread);
        }
      }
    }
  }

  /** Stops watching an exchange. */
  void disarm(InProcessExchange exchange) {
    running.remove(exchange);
  }

  /** How many exchanges are being watched. */
  int watched() {
    return running.size();
  }

  void stop() {
    stopped = true;
    LockSupport.unpark(thread);
  }

  private void loop() {
    while (!stopped) {
      long now = System.nanoTime();
      long sleep = wakeAt - now;
      if (sleep > 0) {
        LockSupport.parkNanos(this, sleep);
        continue;
      }
      long next = now + MIN_SLEEP;
      for (InProcessExchange e : running) {
        if (e.deadline() - now <= 0) {
          running.remove(e);
          try {
            onExpired.accept(e);
          } catch (RuntimeException | Error x) {
            // never let one request's report stop the watch over the others
          }
        } else if (e.deadline() - next < 0) {
          next = e.deadline();
        }
      }
      synchronized (lock) {
        wakeAt = next;
      }
      // a request armed during the scan may have read the old wakeAt: look once more
      for (InProcessExchange e : running) {
        if (e.deadline() - wakeAt < 0) {
          synchronized (lock) {
            if (e.deadline() - wakeAt < 0) {
              wakeAt = e.deadline();
            }
          }
        }
      }
    }
  }
}
