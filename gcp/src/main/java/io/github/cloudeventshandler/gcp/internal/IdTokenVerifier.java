package io.github.cloudeventshandler.gcp.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.spi.EventField;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies one Google-signed OIDC ID token as sent by Pub/Sub push (protocols.md §3.2). Unsupported
 * API: use {@code io.github.cloudeventshandler.gcp.PushAuthenticator}.
 *
 * <p>The signature is checked by one nimbus {@link DefaultJWTProcessor}, built once and shared by
 * all threads (it is immutable after construction); the claims are checked here so that each
 * failure gets its own status and message: 401 for anything that makes the token untrustworthy
 * (format, algorithm, key, signature, time, a lifetime over {@link #MAX_LIFETIME}), 403 for a
 * trustworthy token that names the wrong party (issuer, audience or an audience list naming others,
 * email, unverified email). Keys that cannot be obtained are a {@link DispatchException}
 * (retryable). Messages never contain the token.
 */
public final class IdTokenVerifier {
  /** The issuers Google puts in ID tokens. */
  public static final Set<String> GOOGLE_ISSUERS =
      Set.of("accounts.google.com", "https://accounts.google.com");

  /** Longer tokens are refused before parsing; Google ID tokens are about 1 KB. */
  static final int MAX_TOKEN_CHARS = 16 * 1024;

  /** How messages start when the caller names nothing else. */
  static final String SUBJECT = "Pub/Sub push authentication";

  /** Google ID tokens live one hour; a longer {@code exp - iat} (beyond the skew) is refused. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(1);

  private final String audience;
  private final String serviceAccountEmail;
  private final Clock clock;
  private final Duration maxSkew;
  private final String keySourceName;
  private final DefaultJWTProcessor<SecurityContext> processor;

  /**
   * Creates the verifier.
   *
   * @param audience the configured audience ({@code aud} must be it, alone)
   * @param serviceAccountEmail the push service account ({@code email} must equal it)
   * @param keys where the RS256 public keys come from
   * @param keySourceName how to name the key source in messages (a URL, "in-memory JWK set")
   * @param clock the clock for {@code exp}, {@code nbf}, {@code iat}
   * @param maxSkew the tolerated clock difference
   */
  public IdTokenVerifier(
      String audience,
      String serviceAccountEmail,
      JWKSource<SecurityContext> keys,
      String keySourceName,
      Clock clock,
      Duration maxSkew) {
    this.audience = Objects.requireNonNull(audience, "audience");
    this.serviceAccountEmail = Objects.requireNonNull(serviceAccountEmail, "serviceAccountEmail");
    this.keySourceName = Objects.requireNonNull(keySourceName, "keySourceName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, Objects.requireNonNull(keys, "keys")));
    // typ and claims are checked in verify(), before and after the signature, with our messages.
    p.setJWSTypeVerifier((type, context) -> {});
    p.setJWTClaimsSetVerifier((claims, context) -> {});
    this.processor = p;
  }

  /**
   * Verifies an {@code Authorization} header value.
   *
   * @throws BadEventException {@link Problem#UNAUTHENTICATED} or {@link Problem#FORBIDDEN}
   * @throws DispatchException when the signing keys cannot be obtained (retryable)
   */
  public void verify(String authorizationHeaderValue) {
    verify(authorizationHeaderValue, SUBJECT);
  }

  /**
   * Verifies an {@code Authorization} header value; messages start with {@code what} ({@code gcp
   * http: a CloudEvent of type 'google.cloud.storage.object.v1.finalized'}).
   *
   * @throws BadEventException {@link Problem#UNAUTHENTICATED} or {@link Problem#FORBIDDEN}
   * @throws DispatchException when the signing keys cannot be obtained (retryable): the key set is
   *     slow, down, or its refresh is held back after a failure; never a 401 for that
   */
  public void verify(String authorizationHeaderValue, String what) {
    Message m = new Message(what);
    SignedJWT jwt = parseBearer(authorizationHeaderValue, m);
    JWSHeader header = jwt.getHeader();
    String kid = header.getKeyID();
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (BadJWSException e) {
      throw m.unauthenticated(
          "the JWT signature does not verify with key " + quote(kid) + " of " + keySourceName);
    } catch (BadJOSEException e) {
      throw m.unauthenticated("no RS256 key with key id " + quote(kid) + " in " + keySourceName);
    } catch (KeySourceException e) {
      // includes nimbus' RateLimitReachedException: a key set we could not refresh says nothing
      // about the token, so the push must stay in Pub/Sub (retryable), not be refused
      throw new DispatchException(
          what + ": could not obtain the signing keys from " + keySourceName, e);
    } catch (JOSEException e) {
      throw m.unauthenticated(
          "the JWT could not be verified (" + e.getClass().getSimpleName() + ")");
    }
    checkTimes(claims, m);
    checkIdentity(claims, m);
  }

  /** Builds the exceptions of one verification, each message starting with its subject. */
  private record Message(String what) {
    BadEventException unauthenticated(String message) {
      return new BadEventException(Problem.UNAUTHENTICATED, what + ": " + message);
    }

    BadEventException forbidden(String message) {
      return new BadEventException(Problem.FORBIDDEN, what + ": " + message);
    }
  }

  private static SignedJWT parseBearer(String value, Message m) {
    if (value == null || value.isBlank()) {
      throw m.unauthenticated("no Authorization header (a Bearer OIDC token is required)");
    }
    String v = value.strip();
    int space = v.indexOf(' ');
    String scheme = space < 0 ? v : v.substring(0, space);
    if (!scheme.equalsIgnoreCase("Bearer")) {
      throw m.unauthenticated(
          "the Authorization header is not a Bearer token (scheme "
              + (space < 0 ? "(none)" : schemeName(scheme))
              + ")");
    }
    String token = space < 0 ? "" : v.substring(space + 1).strip();
    if (token.isEmpty()) {
      throw m.unauthenticated("the Authorization header has the Bearer scheme but no token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw m.unauthenticated(
          "malformed JWT: " + token.length() + " characters, more than " + MAX_TOKEN_CHARS);
    }
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!isBase64Url(c)) {
        throw m.unauthenticated(
            "malformed JWT: character at position "
                + i
                + " is not base64url (was more than one token or value sent?)");
      }
    }
    if (dots == 4) {
      throw m.unauthenticated("encrypted JWTs (JWE) are not accepted; only RS256-signed ones");
    }
    if (dots != 2) {
      throw m.unauthenticated("malformed JWT: " + (dots + 1) + " parts instead of 3");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      // The parser's message may quote token content: not passed on.
      throw m.unauthenticated("malformed JWT: header or claims are not base64url-encoded JSON");
    }
    if (jwt instanceof PlainJWT) {
      throw m.unauthenticated("unsigned JWT (alg none) is not accepted; only RS256");
    }
    if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
      throw m.unauthenticated("encrypted JWTs (JWE) are not accepted; only RS256-signed ones");
    }
    JWSHeader header = signed.getHeader();
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      throw m.unauthenticated(
          "JWT algorithm "
              + quote(header.getAlgorithm().getName())
              + " is not accepted; only RS256");
    }
    JOSEObjectType typ = header.getType();
    if (typ != null && !JOSEObjectType.JWT.equals(typ)) {
      throw m.unauthenticated("JWT type " + quote(typ.getType()) + " is not accepted; only JWT");
    }
    if (header.getKeyID() == null || header.getKeyID().isEmpty()) {
      throw m.unauthenticated("the JWT header has no key id (kid)");
    }
    return signed;
  }

  private void checkTimes(JWTClaimsSet claims, Message m) {
    Instant now = clock.instant();
    Instant exp = instant(claims.getExpirationTime());
    Instant iat = instant(claims.getIssueTime());
    Instant nbf = instant(claims.getNotBeforeTime());
    if (exp == null) {
      throw m.unauthenticated("the JWT has no expiry (exp)");
    }
    if (iat == null) {
      throw m.unauthenticated("the JWT has no issue time (iat)");
    }
    if (!now.isBefore(exp.plus(maxSkew))) {
      throw m.unauthenticated(
          "the JWT expired at " + exp + " (now " + now + ", allowed clock skew " + skew() + ")");
    }
    if (now.plus(maxSkew).isBefore(iat)) {
      throw m.unauthenticated(
          "the JWT is not yet valid: issued at "
              + iat
              + " (now "
              + now
              + ", allowed clock skew "
              + skew()
              + ")");
    }
    if (Duration.between(iat, exp).compareTo(MAX_LIFETIME.plus(maxSkew)) > 0) {
      throw m.unauthenticated(
          "the JWT lives from "
              + iat
              + " to "
              + exp
              + ", longer than the one hour of a Google ID token (allowed clock skew "
              + skew()
              + ")");
    }
    if (nbf != null && now.plus(maxSkew).isBefore(nbf)) {
      throw m.unauthenticated(
          "the JWT is not yet valid: not before "
              + nbf
              + " (now "
              + now
              + ", allowed clock skew "
              + skew()
              + ")");
    }
  }

  private void checkIdentity(JWTClaimsSet claims, Message m) {
    String issuer = claims.getIssuer();
    if (issuer == null || !GOOGLE_ISSUERS.contains(issuer)) {
      throw m.forbidden(
          "the JWT issuer "
              + quote(issuer)
              + " is not Google (accounts.google.com or https://accounts.google.com)");
    }
    List<String> aud = claims.getAudience();
    if (!aud.contains(audience)) {
      throw m.forbidden(
          "the JWT audience "
              + (aud.isEmpty() ? "(none)" : quote(String.join(",", aud)))
              + " is not the configured audience "
              + quote(audience)
              + " (CEH_PUBSUB_AUDIENCE)");
    }
    // Google puts one audience in an ID token, as a string; a list that also names other parties
    // is a token meant for someone else too, which a push never carries.
    if (aud.size() > 1) {
      throw m.forbidden(
          "the JWT names "
              + aud.size()
              + " audiences; a Google ID token names only the configured one "
              + quote(audience)
              + " (CEH_PUBSUB_AUDIENCE)");
    }
    Object email = claims.getClaim("email");
    if (!(email instanceof String e) || !e.equals(serviceAccountEmail)) {
      throw m.forbidden(
          "the JWT email "
              + (email instanceof String s ? quote(s) : "(none)")
              + " is not the configured push service account "
              + quote(serviceAccountEmail)
              + " (CEH_PUBSUB_SERVICE_ACCOUNT)");
    }
    Object verified = claims.getClaim("email_verified");
    if (verified == null) {
      throw m.forbidden("the JWT has no email_verified claim; it must be true");
    }
    if (!Boolean.TRUE.equals(verified)) {
      throw m.forbidden(
          "the JWT email_verified claim is " + quote(verified.toString()) + ", not true");
    }
  }

  private String skew() {
    return maxSkew.toSeconds() + "s";
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  /** The scheme, when it looks like one; never a token that was sent without a scheme. */
  private static String schemeName(String scheme) {
    if (scheme.isEmpty() || scheme.length() > 16) {
      return "(none)";
    }
    for (int i = 0; i < scheme.length(); i++) {
      char c = scheme.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-')) {
        return "(none)";
      }
    }
    return "'" + scheme + "'";
  }

  /** Quotes a value from the token for a message, or {@code (none)}. */
  static String quote(String value) {
    return value == null ? "(none)" : EventField.quote(value);
  }
}
