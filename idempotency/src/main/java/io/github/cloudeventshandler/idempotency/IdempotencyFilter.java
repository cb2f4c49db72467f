package io.github.cloudeventshandler.idempotency;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.RequestAttributes;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an event route process each event once. Every platform delivers at least once; this filter
 * keeps one record per event in an {@link IdempotencyStore} and lets only the first delivery run
 * the app:
 *
 * <ul>
 *   <li><b>key</b>: the route (request URI) + the CloudEvent {@code source} + {@code id}, from the
 *       bridge's {@link RequestAttributes#CLOUD_EVENT} attribute or the binary-mode {@code ce-*}
 *       headers; or, with {@link Builder#keyFromBodyField}, the route + one field of the JSON body
 *       (for sources whose ids change on redelivery). A request that is not an event — plain HTTP,
 *       no CloudEvent — passes through untouched and is never stored.
 *   <li><b>first delivery</b>: records {@code IN_PROGRESS} until the platform's deadline for this
 *       request ({@link RequestAttributes#DEADLINE}, else now + {@link Builder#inProgressTimeout}),
 *       runs the app, and then, for a 2xx answer, stores status, headers and body as {@code
 *       COMPLETED} for {@link Builder#retention}; for any other answer or an exception it deletes
 *       the record, so the platform's retry runs the app again.
 *   <li><b>duplicate after completion</b>: the stored answer, replayed (same status, headers and
 *       body, plus {@value #HEADER}{@code : replayed}); the app is not called.
 *   <li><b>duplicate while the first runs</b>: {@code 503} with {@code Retry-After} and {@value
 *       #HEADER}{@code : in-progress} — a failure, so SQS puts it in {@code batchItemFailures},
 *       Pub/Sub and Event Grid redeliver, Lambda's async invoke retries — never a second run. With
 *       {@link Builder#waitForInProgress} it first waits that long for the first delivery to finish
 *       and then replays its answer.
 *   <li><b>store unreachable</b>: {@code 503} ({@value #HEADER}{@code : store-unavailable}), the
 *       app is not called.
 * </ul>
 *
 * <pre>{@code
 * IdempotencyFilter filter = IdempotencyFilter.builder(JdbcIdempotencyStore.create(dataSource))
 *     .retention(Duration.ofHours(24))
 *     .build();
 * context.addFilter("idempotency", filter)
 *     .addMappingForUrlPatterns(null, true, "/aws.sqs", "/google.cloud.storage");
 * }</pre>
 *
 * <p>Register it after {@code PlatformEventFilter} on routes the public can reach, so that a forged
 * request can never occupy an event's key. While the app runs, the request attribute {@link #CLAIM}
 * holds the {@link IdempotencyClaim}, for {@link JdbcIdempotencyStore#completeWithin} inside the
 * app's transaction. Exactly-once is not promised: see {@code docs/idempotency.md} for the windows
 * that remain.
 *
 * <p>Failure contract: never throws for a duplicate or a store failure (those are answers); an
 * exception from the app propagates unchanged after the record is deleted. A failure to store the
 * answer after the app ran is logged at ERROR and the app's answer stands. Thread-safe.
 */
public final class IdempotencyFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

  /** Request attribute holding the running attempt's {@link IdempotencyClaim}. */
  public static final String CLAIM = "io.github.cloudeventshandler.idempotency.claim";

  /** Response header on every answer the filter makes instead of the app. */
  public static final String HEADER = "CEH-Idempotency";

  /** {@value #HEADER} of a replayed answer. */
  public static final String REPLAYED = "replayed";

  /** {@value #HEADER} of a replayed answer whose body was over the cap: status and headers only. */
  public static final String REPLAYED_WITHOUT_BODY = "replayed; body-not-stored";

  /**
   * {@value #HEADER} of the {@code 204} sent for an event the app completed in its transaction
   * whose answer was never stored.
   */
  public static final String REPLAYED_WITHOUT_ANSWER = "replayed; no-answer-stored";

  /** {@value #HEADER} of the {@code 503} for a duplicate of an event still in progress. */
  public static final String IN_PROGRESS = "in-progress";

  /** {@value #HEADER} of the {@code 503} sent when the store cannot be reached. */
  public static final String STORE_UNAVAILABLE = "store-unavailable";

  /** {@value #HEADER} of the {@code 400}/{@code 413} for an event whose body field is missing. */
  public static final String NO_KEY = "no-key";

  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final int STORE_RETRY_AFTER_SECONDS = 5;
  private static final long LONGEST_RETRY_AFTER_SECONDS = 300;

  private final IdempotencyStore store;
  private final KeyRule keyRule;
  private final Duration retention;
  private final Duration inProgressTimeout;
  private final int maxStoredBodyBytes;
  private final Duration waitForInProgress;
  private final Clock clock;

  private IdempotencyFilter(Builder b) {
    this.store = b.store;
    this.keyRule = b.keyRule;
    this.retention = b.retention;
    this.inProgressTimeout = b.inProgressTimeout;
    this.maxStoredBodyBytes = b.maxStoredBodyBytes;
    this.waitForInProgress = b.waitForInProgress;
    this.clock = b.clock;
  }

  /** Starts a filter on this store. */
  public static Builder builder(IdempotencyStore store) {
    return new Builder(store);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest req)
        || !(response instanceof HttpServletResponse res)
        || req.getDispatcherType() != DispatcherType.REQUEST) {
      chain.doFilter(request, response);
      return;
    }
    String route = req.getRequestURI();
    KeyRule.Keyed keyed;
    try {
      keyed = keyRule.key(req, route);
    } catch (BadEventException e) {
      LOG.warn("no idempotency key: {}", e.getMessage());
      answer(
          res,
          e.problem().httpStatus(),
          NO_KEY,
          0,
          json(Map.of("error", e.problem().anchor(), "message", e.getMessage())));
      return;
    }
    if (keyed == null) {
      chain.doFilter(request, response); // not an event: never deduplicated, never stored
      return;
    }
    deliver(keyed.key(), keyed.request(), res, chain);
  }

  private void deliver(
      IdempotencyKey key, HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    Instant start = clock.instant();
    Instant until = deadline(req).orElse(start.plus(inProgressTimeout));
    IdempotencyClaim claim =
        new IdempotencyClaim(key, UUID.randomUUID().toString(), until, start.plus(retention));
    Duration waitable = Duration.between(start, until);
    long waitEnds =
        System.nanoTime()
            + (waitable.compareTo(waitForInProgress) < 0 ? waitable : waitForInProgress).toNanos();
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      Attempt attempt;
      try {
        attempt = store.begin(claim, clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("idempotency store unavailable for {}; not running the app", key.describe(), e);
        answer(
            res,
            HttpServletResponse.SC_SERVICE_UNAVAILABLE,
            STORE_UNAVAILABLE,
            STORE_RETRY_AFTER_SECONDS,
            json(Map.of("error", "idempotency-store-unavailable", "event", key.describe())));
        return;
      }
      if (attempt instanceof Attempt.Started) {
        run(claim, req, res, chain);
        return;
      }
      if (attempt instanceof Attempt.Completed done) {
        replay(key, done, res);
        return;
      }
      Instant busyUntil = ((Attempt.InProgress) attempt).until();
      long left = waitEnds - System.nanoTime();
      if (left <= 0 || !pause(Math.min(pause, left))) {
        LOG.debug("{} is in progress until {}: 503", key.describe(), busyUntil);
        long seconds = Duration.between(clock.instant(), busyUntil).toSeconds() + 1;
        answer(
            res,
            HttpServletResponse.SC_SERVICE_UNAVAILABLE,
            IN_PROGRESS,
            Math.max(1, Math.min(seconds, LONGEST_RETRY_AFTER_SECONDS)),
            json(
                Map.of(
                    "error",
                    "in-progress",
                    "event",
                    key.describe(),
                    "until",
                    busyUntil.toString())));
        return;
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    }
  }

  /** The first delivery: run the app, then store its 2xx answer or give the event back. */
  private void run(
      IdempotencyClaim claim, HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    req.setAttribute(CLAIM, claim);
    CapturingResponse captured = new CapturingResponse(res, maxStoredBodyBytes);
    try {
      chain.doFilter(req, captured);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      release(claim, "the app threw " + e.getClass().getName());
      throw e;
    }
    if (req.isAsyncStarted()) {
      req.getAsyncContext().addListener(new Finisher(claim, captured));
    } else {
      finish(claim, captured);
    }
  }

  private void finish(IdempotencyClaim claim, CapturingResponse captured) {
    int status = captured.getStatus();
    if (status < 200 || status > 299) {
      release(claim, "the app answered " + status);
      return;
    }
    StoredResponse answer = captured.answer();
    try {
      if (store.complete(claim, answer)) {
        LOG.debug("{} completed with {}", claim.key().describe(), answer);
      } else {
        LOG.warn(
            "{} ran past its in-progress record, which another delivery took over or the purge"
                + " removed; its answer was not stored",
            claim.key().describe());
      }
    } catch (RuntimeException e) {
      LOG.error(
          "the app handled {}, but its completed record could not be stored: a duplicate is"
              + " refused until {} and runs the app again after that",
          claim.key().describe(),
          claim.inProgressUntil(),
          e);
    }
  }

  private void release(IdempotencyClaim claim, String why) {
    try {
      store.release(claim);
      LOG.debug("{} released: {}", claim.key().describe(), why);
    } catch (RuntimeException e) {
      LOG.warn(
          "{} failed ({}) and its in-progress record could not be deleted: retries are refused"
              + " until {}",
          claim.key().describe(),
          why,
          claim.inProgressUntil(),
          e);
    }
  }

  private static void replay(IdempotencyKey key, Attempt.Completed done, HttpServletResponse res)
      throws IOException {
    LOG.debug("{} is a duplicate: replaying the stored answer", key.describe());
    if (done.response().isEmpty()) {
      res.setStatus(HttpServletResponse.SC_NO_CONTENT);
      res.setHeader(HEADER, REPLAYED_WITHOUT_ANSWER);
      return;
    }
    StoredResponse stored = done.response().get();
    byte[] body = stored.storedBody();
    res.setStatus(stored.response().status());
    Set<String> replaced = new HashSet<>();
    for (Map.Entry<String, String> f : stored.response().headers().fields()) {
      String name = f.getKey();
      if (name.equalsIgnoreCase("Content-Type")) {
        if (body != null) {
          res.setContentType(f.getValue());
        }
      } else if (replaced.add(name.toLowerCase(Locale.ROOT))) {
        res.setHeader(name, f.getValue()); // replaces what a filter before this one set
      } else {
        res.addHeader(name, f.getValue());
      }
    }
    res.setHeader(HEADER, body == null ? REPLAYED_WITHOUT_BODY : REPLAYED);
    res.setContentLength(body == null ? 0 : body.length);
    if (body != null && body.length > 0) {
      res.getOutputStream().write(body);
    }
  }

  /** An answer of the filter's own; {@code retryAfter} in seconds, none when zero. */
  private static void answer(
      HttpServletResponse res, int status, String marker, long retryAfter, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    res.setStatus(status);
    res.setHeader(HEADER, marker);
    if (retryAfter > 0) {
      res.setHeader("Retry-After", Long.toString(retryAfter));
    }
    res.setContentType("application/json");
    res.setContentLength(bytes.length);
    res.getOutputStream().write(bytes);
  }

  private static String json(Map<String, String> fields) {
    JsonObject o = new JsonObject();
    fields.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> o.addProperty(e.getKey(), e.getValue()));
    return o.toString();
  }

  private static Optional<Instant> deadline(HttpServletRequest req) {
    return req.getAttribute(RequestAttributes.DEADLINE) instanceof Instant d
        ? Optional.of(d)
        : Optional.empty();
  }

  /** Sleeps; false when interrupted (the flag is set again). */
  private static boolean pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Finishes an async request when the app completes it. */
  private final class Finisher implements AsyncListener {
    private final IdempotencyClaim claim;
    private final CapturingResponse captured;
    private volatile boolean failed;

    Finisher(IdempotencyClaim claim, CapturingResponse captured) {
      this.claim = claim;
      this.captured = captured;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      if (failed) {
        release(claim, "the async request failed or timed out");
      } else {
        finish(claim, captured);
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      failed = true;
    }

    @Override
    public void onError(AsyncEvent event) {
      failed = true;
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }
  }

  /** Builds an {@link IdempotencyFilter}; not thread-safe. */
  public static final class Builder {
    private final IdempotencyStore store;
    private KeyRule keyRule = KeyRule.cloudEvent();
    private Duration retention = Duration.ofHours(24);
    private Duration inProgressTimeout = Duration.ofMinutes(5);
    private int maxStoredBodyBytes = 64 * 1024;
    private Duration waitForInProgress = Duration.ZERO;
    private Clock clock = Clock.systemUTC();

    private Builder(IdempotencyStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * How long a completed record (and its answer) is kept (default 24 hours: Event Grid's retry
     * period, longer than Lambda's six-hour maximum event age for async invokes).
     */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
    }

    /**
     * How long an in-progress record blocks duplicates when the request carries no {@link
     * RequestAttributes#DEADLINE} (default 5 minutes); set it to your platform's request timeout.
     * The bridge always sets the deadline.
     */
    public Builder inProgressTimeout(Duration timeout) {
      this.inProgressTimeout = positive(timeout, "inProgressTimeout");
      return this;
    }

    /**
     * The largest answer body stored (default 64 KiB); of a larger answer only status and headers
     * are stored, and a replay has an empty body ({@value #REPLAYED_WITHOUT_BODY}).
     */
    public Builder maxStoredBodyBytes(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxStoredBodyBytes must not be negative: " + bytes);
      }
      this.maxStoredBodyBytes = bytes;
      return this;
    }

    /**
     * How long a duplicate waits for an in-progress first delivery before it gets the {@code 503}
     * (default zero: at once). Waiting ends at the request's own deadline at the latest; a
     * duplicate that sees the first delivery complete replays its answer, and one that sees it fail
     * runs the app itself.
     */
    public Builder waitForInProgress(Duration wait) {
      Objects.requireNonNull(wait, "waitForInProgress");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("waitForInProgress must not be negative: " + wait);
      }
      this.waitForInProgress = wait;
      return this;
    }

    /**
     * Keys events on one field of their JSON body instead of the CloudEvent id, for sources whose
     * ids change when the same event is sent again. {@code pointer} is an RFC 6901 JSON pointer to
     * a string, number or boolean ({@code "/Records/0/s3/object/sequencer"}, {@code
     * "/message/attributes/orderId"}). An event whose body lacks it is answered {@code 400} ({@code
     * missing-field}) without running the app; a body that is not JSON {@code 400}, one over 6 MB
     * {@code 413}.
     */
    public Builder keyFromBodyField(String pointer) {
      this.keyRule = KeyRule.bodyField(pointer);
      return this;
    }

    /** The clock for records' times (default UTC system clock); for tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The filter. */
    public IdempotencyFilter build() {
      return new IdempotencyFilter(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
