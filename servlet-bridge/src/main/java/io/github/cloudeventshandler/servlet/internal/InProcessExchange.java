package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.util.Callback;

/**
 * One in-process request as Jetty sees it: the {@link HttpStream} its {@link HttpChannel} reads the
 * body from and writes the response to (the pretend connection it came on is an {@link
 * InProcessConnection}). No bytes are encoded or parsed: the request head is already Jetty's {@code
 * MetaData.Request}, the body is one chunk of the request's own bytes, and the response is
 * collected from {@link #send} — at most {@code maxResponseBytes} of body; a longer answer fails
 * its write (the application sees an {@code IOException}) and the exchange reports it, and a
 * status-only exchange drops the body.
 *
 * <p>The exchange also keeps the state the {@link InProcessDispatcher} and the {@link Watchdog}
 * share: whether the stream completed, the thread running the handler, whether the deadline passed.
 */
final class InProcessExchange implements HttpStream {
  private static final AtomicLong IDS = new AtomicLong();
  private static final byte[] EMPTY = new byte[0];

  private final String id = Long.toString(IDS.incrementAndGet());
  private final HttpConfiguration http;
  private final AppRequest request;
  private final long deadline;
  private final Runnable finishedLate;
  private final Object lock = new Object();
  private ByteBuffer body;
  private HttpChannel channel;
  private long idleTimeout;

  // the response, written by send() on the application's side
  private int status;
  private HttpFields responseHeaders;
  private byte[] out = EMPTY;
  private int outLength;
  private boolean overLimit;
  private boolean committed;

  // guarded by lock
  private boolean completed;
  private Throwable failure;
  private Thread runner;
  private boolean expired;
  private boolean interrupted;

  /**
   * An exchange.
   *
   * @param deadline the {@code System.nanoTime()} by which the application must have answered
   * @param finishedLate run once when an {@linkplain #expire() expired} exchange completes at last
   */
  InProcessExchange(
      HttpConfiguration http, AppRequest request, long deadline, Runnable finishedLate) {
    this.http = http;
    this.request = request;
    this.deadline = deadline;
    this.finishedLate = finishedLate;
    this.body = request.bodyBuffer();
  }

  void channel(HttpChannel channel) {
    this.channel = channel;
  }

  AppRequest request() {
    return request;
  }

  /** The {@code System.nanoTime()} by which the application must have answered. */
  long deadline() {
    return deadline;
  }

  // ---- HttpStream -------------------------------------------------------------------------

  @Override
  public String getId() {
    return id;
  }

  @Override
  public Content.Chunk read() {
    ByteBuffer b = body;
    if (b == null) {
      return Content.Chunk.EOF;
    }
    body = null;
    return b.hasRemaining() ? Content.Chunk.from(b, true) : Content.Chunk.EOF;
  }

  @Override
  public void demand() {
    // the whole body is always there
    Runnable task = channel.onContentAvailable();
    if (task != null) {
      task.run();
    }
  }

  @Override
  public void prepareResponse(HttpFields.Mutable headers) {
    // no protocol-specific fields: there is no connection to keep alive or close
  }

  @Override
  public void send(
      MetaData.Request request,
      MetaData.Response response,
      boolean last,
      ByteBuffer content,
      Callback callback) {
    if (response != null) {
      if (HttpStatus.isInterim(response.getStatus())) {
        callback.succeeded(); // 1xx: not the answer
        return;
      }
      status = response.getStatus();
      responseHeaders = response.getHttpFields();
      committed = true;
    }
    if (content != null && content.hasRemaining() && !this.request.statusOnly()) {
      int n = content.remaining();
      if (n > this.request.maxResponseBytes() - outLength) {
        overLimit = true;
        callback.failed(
            new IOException(
                "the response body is over the limit of "
                    + this.request.maxResponseBytes()
                    + " bytes the caller can use"));
        return;
      }
      if (outLength + n > out.length) {
        long size = Math.max((long) outLength + n, Math.max(1024L, 2L * out.length));
        out = Arrays.copyOf(out, (int) Math.min(size, this.request.maxResponseBytes()));
      }
      content.get(out, outLength, n);
      outLength += n;
    } else if (content != null) {
      content.position(content.limit()); // dropped: the caller needs only the status
    }
    callback.succeeded();
  }

  @Override
  public Runnable cancelSend(Throwable cause, Callback callback) {
    return () -> callback.failed(cause);
  }

  @Override
  public long getIdleTimeout() {
    return idleTimeout;
  }

  @Override
  public void setIdleTimeout(long idleTimeoutMs) {
    this.idleTimeout = idleTimeoutMs; // the deadline is the watchdog's, not an idle timer's
  }

  @Override
  public boolean isCommitted() {
    return committed;
  }

  @Override
  public Throwable consumeAvailable() {
    return HttpStream.consumeAvailable(this, http);
  }

  @Override
  public void succeeded() {
    complete(null);
  }

  @Override
  public void failed(Throwable x) {
    complete(x == null ? new IOException("the exchange failed") : x);
  }

  // ---- state shared with the dispatcher and the watchdog -----------------------------------

  /** Marks the calling thread as the one running the handler. */
  void running(Thread thread) {
    synchronized (lock) {
      runner = thread;
    }
  }

  /**
   * The handler returned on the calling thread; clears an interrupt the watchdog sent it, so the
   * caller's thread goes back as it came.
   */
  void returned() {
    boolean clear;
    synchronized (lock) {
      runner = null;
      clear = interrupted;
      interrupted = false;
    }
    if (clear) {
      Thread.interrupted();
    }
  }

  /**
   * The deadline passed: marks the exchange expired and interrupts the thread running the handler
   * (once), so that an application blocked in an interruptible wait can give up.
   *
   * @return true when this call expired a request that is still running (it is now abandoned)
   */
  boolean expire(Runnable abandoned) {
    synchronized (lock) {
      if (expired || completed) {
        return false;
      }
      abandoned.run(); // counted before a completion can see the mark and count it off
      expired = true;
      if (runner != null) {
        interrupted = true;
        runner.interrupt();
      }
      return true;
    }
  }

  private void complete(Throwable x) {
    boolean late;
    synchronized (lock) {
      if (completed) {
        return;
      }
      completed = true;
      failure = x;
      late = expired;
      lock.notifyAll();
    }
    if (late) {
      finishedLate.run();
    }
  }

  /** Waits until the stream completed or the deadline passed; true when it completed. */
  boolean awaitCompletion() throws InterruptedException {
    synchronized (lock) {
      while (!completed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  boolean isCompleted() {
    synchronized (lock) {
      return completed;
    }
  }

  boolean isExpired() {
    synchronized (lock) {
      return expired;
    }
  }

  Throwable failure() {
    synchronized (lock) {
      return failure;
    }
  }

  boolean overLimit() {
    return overLimit;
  }

  boolean committed() {
    return committed;
  }

  /**
   * The collected answer; call after the stream completed. Connection-level fields ({@code
   * Connection}, {@code Keep-Alive}, {@code Transfer-Encoding}) are not part of it.
   */
  AppResponse response() {
    Headers.Builder h = Headers.builder();
    if (responseHeaders != null) {
      for (HttpField f : responseHeaders) {
        HttpHeader header = f.getHeader();
        if (header != HttpHeader.CONNECTION
            && header != HttpHeader.KEEP_ALIVE
            && header != HttpHeader.TRANSFER_ENCODING) {
          h.add(f.getName(), f.getValue());
        }
      }
    }
    return new AppResponse(
        status, h.build(), outLength == out.length ? out : Arrays.copyOf(out, outLength));
  }

  @Override
  public String toString() {
    return "InProcessExchange#" + id + "[" + request.method() + " " + request.path() + "]";
  }
}
