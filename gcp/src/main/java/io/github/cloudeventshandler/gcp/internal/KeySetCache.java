package io.github.cloudeventshandler.gcp.internal;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Google's signing keys for push tokens, fetched from a JWKS URL and cached, with one rule for
 * every push that waits on them: <b>a key set that is slow or down is a retryable failure</b>
 * ({@link KeySourceException}, answered 503, so Pub/Sub redelivers), never a refusal of the token.
 * Only a key id missing from a key set fetched successfully within {@link #MIN_REFRESH} is an
 * unknown key (an empty match, answered 401).
 *
 * <ul>
 *   <li>The key set is fetched on first use and kept {@link #TTL}; a token whose key id is not in
 *       it triggers a refresh, at most every {@link #MIN_REFRESH} (forged key ids cannot make us
 *       hammer Google).
 *   <li>Single flight: pushes arriving while a fetch is under way wait for that fetch (at most
 *       {@link #MAX_WAIT}); they never start their own.
 *   <li>After a failed fetch, pushes are answered retryable at once for {@link #FAILURE_BACKOFF}
 *       instead of each trying again.
 *   <li>When a refresh fails, keys of an expired set are still used up to {@link #STALE_LIMIT}
 *       after it was fetched (Google publishes keys well before it signs with them).
 * </ul>
 *
 * Thread-safe; one per {@code PushAuthenticator}.
 */
public final class KeySetCache implements JWKSource<SecurityContext> {
  /** How long a fetched key set is used without asking again. */
  public static final Duration TTL = Duration.ofMinutes(5);

  /** The shortest time between two fetches caused by unknown key ids. */
  public static final Duration MIN_REFRESH = Duration.ofSeconds(30);

  /** How long after a failed fetch every push is answered retryable without a new fetch. */
  public static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);

  /** How long an expired key set may still serve when it cannot be refreshed. */
  public static final Duration STALE_LIMIT = Duration.ofHours(1);

  /** How long a push waits for a fetch under way before it is answered retryable. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(5);

  private final URL url;
  private final ResourceRetriever retriever;
  private final Clock clock;
  private final Duration maxWait;

  private JWKSet keys; // guarded by this
  private Instant fetchedAt; // guarded by this
  private Instant failedAt; // guarded by this
  private KeySourceException failure; // guarded by this
  private CompletableFuture<JWKSet> inFlight; // guarded by this

  /**
   * A cache over this URL.
   *
   * @param retriever fetches the URL (timeouts and size limit are its own)
   * @param maxWait how long a push waits for a fetch under way ({@link #MAX_WAIT} in production)
   */
  public KeySetCache(URL url, ResourceRetriever retriever, Clock clock, Duration maxWait) {
    this.url = Objects.requireNonNull(url, "url");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    Instant now = clock.instant();
    JWKSet current;
    Instant at;
    boolean refreshing;
    synchronized (this) {
      current = keys;
      at = fetchedAt;
      refreshing = inFlight != null;
    }
    if (current != null && now.isBefore(at.plus(TTL))) {
      List<JWK> match = selector.select(current);
      if (!match.isEmpty() || now.isBefore(at.plus(MIN_REFRESH))) {
        return match; // empty: a key id the key set did not have moments ago
      }
    }
    if (refreshing && current != null && now.isBefore(at.plus(STALE_LIMIT))) {
      List<JWK> stale = selector.select(current);
      if (!stale.isEmpty()) {
        return stale; // someone is refreshing an expired set that has this key: no need to wait
      }
    }
    JWKSet fresh;
    try {
      fresh = await(fetch(now));
    } catch (KeySourceException e) {
      if (current != null && now.isBefore(at.plus(STALE_LIMIT))) {
        List<JWK> stale = selector.select(current);
        if (!stale.isEmpty()) {
          return stale;
        }
      }
      throw e;
    }
    return selector.select(fresh);
  }

  /** The fetch under way, a new one, or the recent failure. */
  private CompletableFuture<JWKSet> fetch(Instant now) {
    CompletableFuture<JWKSet> mine;
    synchronized (this) {
      if (inFlight != null) {
        return inFlight;
      }
      if (failedAt != null && now.isBefore(failedAt.plus(FAILURE_BACKOFF))) {
        return CompletableFuture.failedFuture(failure);
      }
      mine = new CompletableFuture<>();
      inFlight = mine;
    }
    // the first caller fetches on its own thread; the others wait for its result
    JWKSet fetched = null;
    KeySourceException error = null;
    try {
      fetched = JWKSet.parse(retriever.retrieveResource(url).getContent());
    } catch (IOException e) {
      error = new KeySourceException("could not fetch the key set from " + url + ": " + e, e);
    } catch (ParseException e) {
      error = new KeySourceException("the key set at " + url + " is not a JWK set", e);
    } catch (RuntimeException e) {
      error = new KeySourceException("could not fetch the key set from " + url + ": " + e, e);
    }
    synchronized (this) {
      inFlight = null;
      if (error == null) {
        keys = fetched;
        fetchedAt = clock.instant();
        failedAt = null;
        failure = null;
      } else {
        failedAt = clock.instant();
        failure = error;
      }
    }
    if (error == null) {
      mine.complete(fetched);
    } else {
      mine.completeExceptionally(error);
    }
    return mine;
  }

  private JWKSet await(CompletableFuture<JWKSet> f) throws KeySourceException {
    try {
      return f.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof KeySourceException k
          ? new KeySourceException(k.getMessage(), k)
          : new KeySourceException("could not fetch the key set from " + url, e.getCause());
    } catch (TimeoutException e) {
      throw new KeySourceException(
          "the key set at " + url + " did not arrive within " + maxWait.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeySourceException("interrupted while waiting for the key set from " + url, e);
    }
  }
}
