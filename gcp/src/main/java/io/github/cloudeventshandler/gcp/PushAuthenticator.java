package io.github.cloudeventshandler.gcp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.gcp.internal.IdTokenVerifier;
import io.github.cloudeventshandler.gcp.internal.KeySetCache;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates Pub/Sub push requests by their Google-signed OIDC token (protocols.md §3.2): the
 * {@code Authorization: Bearer <JWT>} header must carry an RS256 token issued by {@code
 * accounts.google.com} for the configured audience (a string, or a list naming only it) and push
 * service account, with {@code email_verified: true}, within its lifetime (bounded clock skew, 60 s
 * by default, at most 300 s), which may not exceed the hour of a Google ID token.
 *
 * <pre>{@code
 * PushAuthenticator auth = PushAuthenticator.fromConfiguration(Configuration.fromEnvironment());
 * if (auth.enabled()) {
 *   auth.verify(request.getFirstHeader("Authorization").orElse(null)); // throws on a bad token
 * }
 * }</pre>
 *
 * <p>Failure contract of {@link #verify}: a {@link BadEventException} with {@link
 * Problem#UNAUTHENTICATED} (HTTP 401: no or malformed header, not Bearer, malformed JWT, any
 * algorithm but RS256 including {@code none} and {@code HS256}, unknown key id, bad signature,
 * expired, not yet valid, a lifetime over one hour) or {@link Problem#FORBIDDEN} (HTTP 403: wrong
 * issuer, audience or email, an audience list naming other parties, {@code email_verified} absent
 * or false). Messages say what was wrong and never contain the token. When the signing keys cannot
 * be fetched (slow, down, held back after a failure) it throws a {@link DispatchException}
 * (retryable: the message stays in Pub/Sub), never a 401. Both statuses are non-acks for Pub/Sub,
 * so a refused message is redelivered, then dead-lettered; it is never acknowledged.
 *
 * <p>Settings ({@link #fromConfiguration}): {@code CEH_PUBSUB_AUTH} ({@code required} or {@code
 * off}), {@code CEH_PUBSUB_AUDIENCE}, {@code CEH_PUBSUB_SERVICE_ACCOUNT}, {@code
 * CEH_PUBSUB_JWKS_URL} (default Google's certificates), {@code CEH_PUBSUB_MAX_SKEW_SECONDS}. With
 * none of them set, push authentication is still enabled and every push request is refused: see
 * {@code gcp/README-auth.md}.
 *
 * <p>Instances are immutable and thread-safe; the JWT processor and the key cache are built once.
 */
public final class PushAuthenticator {
  /** {@code CEH_PUBSUB_AUTH}: {@code required} (default) or {@code off}. */
  public static final String AUTH = "CEH_PUBSUB_AUTH";

  /** {@code CEH_PUBSUB_AUDIENCE}: the audience the push subscription puts in its tokens. */
  public static final String AUDIENCE = "CEH_PUBSUB_AUDIENCE";

  /** {@code CEH_PUBSUB_SERVICE_ACCOUNT}: the push subscription's service account email. */
  public static final String SERVICE_ACCOUNT = "CEH_PUBSUB_SERVICE_ACCOUNT";

  /**
   * {@code CEH_PUBSUB_JWKS_URL}: where the signing keys come from ({@code https:} or {@code
   * file:}).
   */
  public static final String JWKS_URL = "CEH_PUBSUB_JWKS_URL";

  /** {@code CEH_PUBSUB_MAX_SKEW_SECONDS}: tolerated clock skew, 0 to 300, default 60. */
  public static final String MAX_SKEW_SECONDS = "CEH_PUBSUB_MAX_SKEW_SECONDS";

  /** Google's public keys for OIDC ID tokens. */
  public static final String GOOGLE_JWKS_URL = "https://www.googleapis.com/oauth2/v3/certs";

  /** The default tolerated clock skew. */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofSeconds(60);

  /** The largest clock skew that can be configured. */
  public static final Duration LIMIT_MAX_SKEW = Duration.ofSeconds(300);

  private static final Logger LOG = LoggerFactory.getLogger(PushAuthenticator.class);
  private static final String SUBJECT = "Pub/Sub push authentication";

  private final IdTokenVerifier verifier; // null when off or unconfigured
  private final boolean enabled;
  private final String refusal; // why every request is refused, when unconfigured

  private PushAuthenticator(IdTokenVerifier verifier, boolean enabled, String refusal) {
    this.verifier = verifier;
    this.enabled = enabled;
    this.refusal = refusal;
  }

  /** A builder; {@link Builder#audience} and {@link Builder#serviceAccountEmail} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code CEH_PUBSUB_*} settings.
   *
   * <ul>
   *   <li>{@code CEH_PUBSUB_AUTH=off}: no verification ({@link #enabled()} is false); for
   *       subscriptions without authentication behind another guard. Logged as a warning.
   *   <li>audience and service account set: verification against them.
   *   <li>nothing set: enabled, and every push request is refused with 401 naming the missing
   *       settings (the function starts, so its CloudEvents and HTTP routes still work).
   *   <li>{@code CEH_PUBSUB_AUTH=required} or one of the two without the other, an unknown {@code
   *       CEH_PUBSUB_AUTH} value, a bad URL or skew: {@link ConfigurationException} at once.
   * </ul>
   *
   * @throws ConfigurationException naming the setting that is wrong
   */
  public static PushAuthenticator fromConfiguration(Configuration configuration) {
    String mode = configuration.setting(AUTH).map(String::strip).orElse(null);
    String audience = configuration.setting(AUDIENCE).map(String::strip).orElse(null);
    String account = configuration.setting(SERVICE_ACCOUNT).map(String::strip).orElse(null);
    if (mode != null && !mode.equalsIgnoreCase("required") && !mode.equalsIgnoreCase("off")) {
      throw new ConfigurationException(
          AUTH + " must be 'required' or 'off', not '" + mode.toLowerCase(Locale.ROOT) + "'");
    }
    if (mode != null && mode.equalsIgnoreCase("off")) {
      LOG.warn(
          "{}=off: Pub/Sub push requests are accepted without verifying their OIDC token", AUTH);
      return new PushAuthenticator(null, false, null);
    }
    if (mode == null && audience == null && account == null) {
      String refusal =
          "push authentication is not configured: set "
              + AUDIENCE
              + " and "
              + SERVICE_ACCOUNT
              + " (or "
              + AUTH
              + "=off to accept unauthenticated pushes)";
      LOG.warn("Pub/Sub {}; every push request will be refused with 401", refusal);
      return new PushAuthenticator(null, true, refusal);
    }
    if (audience == null || account == null) {
      throw new ConfigurationException(
          "Pub/Sub push authentication needs both "
              + AUDIENCE
              + " and "
              + SERVICE_ACCOUNT
              + "; missing "
              + (audience == null ? AUDIENCE : SERVICE_ACCOUNT)
              + (audience == null && account == null ? " and " + SERVICE_ACCOUNT : "")
              + " (or set "
              + AUTH
              + "=off)");
    }
    Builder b = builder().audience(audience).serviceAccountEmail(account);
    String jwks = configuration.setting(JWKS_URL).map(String::strip).orElse(null);
    if (jwks != null) {
      try {
        b.jwkSetUrl(new URI(jwks).toURL());
      } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
        throw new ConfigurationException(JWKS_URL + ": " + e.getMessage(), e);
      }
    }
    String skew = configuration.setting(MAX_SKEW_SECONDS).map(String::strip).orElse(null);
    if (skew != null) {
      try {
        b.maxSkew(Duration.ofSeconds(Long.parseLong(skew)));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            MAX_SKEW_SECONDS + " must be a number of seconds from 0 to 300, not '" + skew + "'", e);
      }
    }
    return b.build();
  }

  /**
   * Whether push requests must be verified. False only with {@code CEH_PUBSUB_AUTH=off}; an
   * unconfigured authenticator is enabled and refuses every token.
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Verifies the value of the request's {@code Authorization} header (the first one; see {@link
   * #verifyHeaders} when a request may carry several).
   *
   * @param authorizationHeaderValue {@code Bearer <JWT>}, or null when the header is absent
   * @throws BadEventException {@link Problem#UNAUTHENTICATED} (401) or {@link Problem#FORBIDDEN}
   *     (403), see the class documentation; also 401 for every request when authentication is
   *     enabled but not configured
   * @throws DispatchException when the signing keys cannot be obtained
   */
  public void verify(String authorizationHeaderValue) {
    if (!enabled) {
      return;
    }
    if (verifier == null) {
      throw new BadEventException(Problem.UNAUTHENTICATED, SUBJECT + ": " + refusal);
    }
    verifier.verify(authorizationHeaderValue);
  }

  /**
   * Verifies all values of the request's {@code Authorization} header: exactly one is allowed. Two
   * or more are refused (401) instead of trusting whichever comes first: with unwrapped push and
   * {@code --push-no-wrapper-write-metadata}, a message attribute named {@code authorization}
   * becomes a second header of that name (see {@code gcp/README-auth.md}).
   *
   * @param authorizationHeaderValues every value of the header in the request, possibly empty
   * @throws BadEventException as {@link #verify(String)}, and 401 for more than one value
   */
  public void verifyHeaders(List<String> authorizationHeaderValues) {
    verifyHeaders(authorizationHeaderValues, SUBJECT);
  }

  /** As {@link #verifyHeaders(List)}, with messages starting with {@code what}. */
  void verifyHeaders(List<String> authorizationHeaderValues, String what) {
    if (!enabled) {
      return;
    }
    Objects.requireNonNull(authorizationHeaderValues, "authorizationHeaderValues");
    if (authorizationHeaderValues.size() > 1) {
      throw new BadEventException(
          Problem.UNAUTHENTICATED,
          what
              + ": "
              + authorizationHeaderValues.size()
              + " Authorization headers, exactly one expected (a message attribute named"
              + " 'authorization' on an unwrapped push subscription writing metadata?)");
    }
    if (verifier == null) {
      throw new BadEventException(Problem.UNAUTHENTICATED, what + ": " + refusal);
    }
    verifier.verify(
        authorizationHeaderValues.isEmpty() ? null : authorizationHeaderValues.get(0), what);
  }

  /** Whether tokens can be checked: enabled, with an audience and a service account. */
  boolean configured() {
    return verifier != null;
  }

  @Override
  public String toString() {
    return "PushAuthenticator["
        + (!enabled ? "off" : verifier == null ? "unconfigured: refuses every push" : "required")
        + "]";
  }

  /**
   * Builds a {@link PushAuthenticator} that verifies tokens.
   *
   * <pre>{@code
   * PushAuthenticator auth = PushAuthenticator.builder()
   *     .audience("https://example.com/push")
   *     .serviceAccountEmail("pusher@my-project.iam.gserviceaccount.com")
   *     .build(); // keys from Google's JWKS, cached
   * }</pre>
   */
  public static final class Builder {
    private String audience;
    private String serviceAccountEmail;
    private JWKSource<SecurityContext> keys;
    private String keySourceName;
    private Clock clock = Clock.systemUTC();
    private Duration maxSkew = DEFAULT_MAX_SKEW;

    private Builder() {}

    /**
     * The audience the push subscription was configured with ({@code --push-auth-token-audience}).
     */
    public Builder audience(String audience) {
      this.audience = nonBlank(audience, "audience");
      return this;
    }

    /**
     * The email of the push subscription's service account ({@code --push-auth-service-account}).
     */
    public Builder serviceAccountEmail(String serviceAccountEmail) {
      this.serviceAccountEmail = nonBlank(serviceAccountEmail, "serviceAccountEmail");
      return this;
    }

    /**
     * Fetches keys from this JWKS URL, cached 5 minutes, refreshed when an unknown key id arrives
     * (at most every 30 seconds), 2 s connect and read timeouts; pushes arriving during a fetch
     * share it, and a key set that is slow or down makes every waiting push a retryable {@link
     * DispatchException}, never a 401 (see {@code KeySetCache}). {@code https:} anywhere, {@code
     * http:} only on loopback, {@code file:} for a local file.
     *
     * @throws IllegalArgumentException for any other scheme
     */
    public Builder jwkSetUrl(URL url) {
      String scheme = url.getProtocol().toLowerCase(Locale.ROOT);
      boolean loopback =
          scheme.equals("http")
              && (url.getHost().equals("localhost")
                  || url.getHost().equals("127.0.0.1")
                  || url.getHost().equals("[::1]"));
      if (!scheme.equals("https") && !scheme.equals("file") && !loopback) {
        throw new IllegalArgumentException(
            "the JWKS URL must be https: (http: only on loopback) or file:, not " + scheme + ":");
      }
      // nimbus' 500 ms HTTP timeouts are tight for a cold start; 2 s each, 50 KB size cap kept.
      return keySetCache(
          url, new DefaultResourceRetriever(2_000, 2_000, 50 * 1024), KeySetCache.MAX_WAIT);
    }

    /** The caching key source over a URL, with this retriever and wait (tests shorten them). */
    Builder keySetCache(URL url, ResourceRetriever retriever, Duration maxWait) {
      this.keys = new KeySetCache(url, retriever, Clock.systemUTC(), maxWait);
      this.keySourceName = url.toString();
      return this;
    }

    /** Uses these keys and nothing else (tests, or keys obtained another way). */
    public Builder jwkSet(JWKSet jwkSet) {
      this.keys = new ImmutableJWKSet<>(Objects.requireNonNull(jwkSet, "jwkSet"));
      this.keySourceName = "the configured JWK set";
      return this;
    }

    /** Uses any nimbus key source; it must be thread-safe. */
    public Builder jwkSource(JWKSource<SecurityContext> jwkSource) {
      this.keys = Objects.requireNonNull(jwkSource, "jwkSource");
      this.keySourceName = "the configured JWK source";
      return this;
    }

    /** The clock for expiry checks; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The tolerated clock difference for {@code exp}, {@code nbf} and {@code iat}.
     *
     * @throws IllegalArgumentException when negative or more than 300 seconds
     */
    public Builder maxSkew(Duration maxSkew) {
      Objects.requireNonNull(maxSkew, "maxSkew");
      if (maxSkew.isNegative() || maxSkew.compareTo(LIMIT_MAX_SKEW) > 0) {
        throw new IllegalArgumentException(
            "the clock skew must be from 0 to 300 seconds, not " + maxSkew.toSeconds());
      }
      this.maxSkew = maxSkew;
      return this;
    }

    /**
     * The authenticator. Without a key source it uses Google's JWKS ({@value
     * PushAuthenticator#GOOGLE_JWKS_URL}), fetched on first use and cached.
     *
     * @throws IllegalStateException when the audience or the service account is missing
     */
    public PushAuthenticator build() {
      if (audience == null || serviceAccountEmail == null) {
        throw new IllegalStateException(
            "a PushAuthenticator needs an audience and a service account email");
      }
      if (keys == null) {
        try {
          jwkSetUrl(new URI(GOOGLE_JWKS_URL).toURL());
        } catch (URISyntaxException | MalformedURLException e) {
          throw new IllegalStateException(e);
        }
      }
      return new PushAuthenticator(
          new IdTokenVerifier(audience, serviceAccountEmail, keys, keySourceName, clock, maxSkew),
          true,
          null);
    }

    private static String nonBlank(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value.strip();
    }
  }
}
