package io.github.cloudeventshandler.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Resource;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The timing rules of {@link KeySetCache} on a clock the test moves: TTL, the 30 s refresh limit
 * for unknown key ids, the back-off after a failure, and stale keys during an outage. (Slow and
 * failing key sets over real HTTP, with concurrent pushes: {@code JwksOutageTest}.)
 */
class KeySetCacheTest {
  private final MovableClock clock = new MovableClock();
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile boolean down;
  private final JWKSet keys;
  private final KeySetCache cache;

  KeySetCacheTest() throws Exception {
    keys = new JWKSet(new RSAKeyGenerator(2048).keyID("k1").generate().toPublicJWK());
    URL url = URI.create("https://keys.example/certs").toURL();
    cache =
        new KeySetCache(
            url,
            u -> {
              fetches.incrementAndGet();
              if (down) {
                throw new IOException("connection refused");
              }
              return new Resource(keys.toString(true), "application/json");
            },
            clock,
            Duration.ofSeconds(1));
  }

  private static JWKSelector kid(String kid) {
    return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
  }

  @Test
  void keysAreFetchedOnceAndKeptForTheTtl() throws Exception {
    assertThat(cache.get(kid("k1"), null)).hasSize(1);
    clock.advance(KeySetCache.TTL.minusSeconds(1));
    assertThat(cache.get(kid("k1"), null)).hasSize(1);
    assertThat(fetches.get()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.get(kid("k1"), null)).hasSize(1);
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void unknownKeyIdsRefreshAtMostEveryThirtySeconds() throws Exception {
    assertThat(cache.get(kid("nope"), null)).isEmpty();
    assertThat(cache.get(kid("nope-2"), null)).isEmpty();
    assertThat(fetches.get()).isEqualTo(1);
    clock.advance(KeySetCache.MIN_REFRESH);
    assertThat(cache.get(kid("nope-3"), null)).isEmpty();
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void anOutageIsRetryableBacksOffAndRecovers() {
    down = true;
    assertThatThrownBy(() -> cache.get(kid("k1"), null)).isInstanceOf(KeySourceException.class);
    assertThatThrownBy(() -> cache.get(kid("k1"), null)).isInstanceOf(KeySourceException.class);
    assertThat(fetches.get()).isEqualTo(1); // within the back-off nobody fetches again
    down = false;
    clock.advance(KeySetCache.FAILURE_BACKOFF);
    assertThat(catching(() -> cache.get(kid("k1"), null).size())).isEqualTo(1);
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void duringAnOutageAnExpiredKeySetStillServesItsKeysForAWhile() throws Exception {
    assertThat(cache.get(kid("k1"), null)).hasSize(1);
    down = true;
    clock.advance(KeySetCache.TTL.plusSeconds(1));
    assertThat(cache.get(kid("k1"), null)).hasSize(1); // stale, refresh failed
    assertThatThrownBy(() -> cache.get(kid("k2"), null)).isInstanceOf(KeySourceException.class);
    clock.advance(KeySetCache.STALE_LIMIT);
    assertThatThrownBy(() -> cache.get(kid("k1"), null)).isInstanceOf(KeySourceException.class);
  }

  private static Object catching(ThrowingSupplier s) {
    try {
      return s.get();
    } catch (Exception e) {
      return e;
    }
  }

  @FunctionalInterface
  interface ThrowingSupplier {
    Object get() throws Exception;
  }

  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-22T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
