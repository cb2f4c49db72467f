package io.github.cloudeventshandler.gcp;

import static io.github.cloudeventshandler.gcp.TestTokens.ACCOUNT;
import static io.github.cloudeventshandler.gcp.TestTokens.AUDIENCE;
import static io.github.cloudeventshandler.gcp.TestTokens.FORGER;
import static io.github.cloudeventshandler.gcp.TestTokens.KEY;
import static io.github.cloudeventshandler.gcp.TestTokens.NOW;
import static io.github.cloudeventshandler.gcp.TestTokens.PUBLISHED;
import static io.github.cloudeventshandler.gcp.TestTokens.claims;
import static io.github.cloudeventshandler.gcp.TestTokens.rs256;
import static io.github.cloudeventshandler.gcp.TestTokens.sign;
import static io.github.cloudeventshandler.gcp.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.DispatchException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of protocols.md §3.2 / must-implement item 21, one deviation per row, against keys
 * generated here. A row with no problem must be accepted.
 */
class PushAuthenticatorTest {
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final PushAuthenticator AUTH =
      PushAuthenticator.builder()
          .audience(AUDIENCE)
          .serviceAccountEmail(ACCOUNT)
          .jwkSet(PUBLISHED)
          .clock(CLOCK)
          .build();

  /** One case: the header value, the expected problem (null: accepted), a message fragment. */
  record Row(String name, Supplier<String> header, Problem problem, String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Row ok(String name, Supplier<String> header) {
    return new Row(name, header, null, null);
  }

  static Row unauthenticated(String name, Supplier<String> header, String fragment) {
    return new Row(name, header, Problem.UNAUTHENTICATED, fragment);
  }

  static Row forbidden(String name, Supplier<String> header, String fragment) {
    return new Row(name, header, Problem.FORBIDDEN, fragment);
  }

  static Date at(long secondsFromNow) {
    return Date.from(NOW.plusSeconds(secondsFromNow));
  }

  static Stream<Row> rows() {
    return Stream.of(
        ok("valid token", () -> "Bearer " + token()),
        ok("issuer without scheme", () -> "Bearer " + token(c -> c.issuer("accounts.google.com"))),
        ok("lower-case scheme", () -> "bearer " + token()),
        ok(
            "audience list of just ours",
            () -> "Bearer " + token(c -> c.audience(List.of(AUDIENCE)))),
        ok(
            "a lifetime of one hour plus the skew",
            () -> "Bearer " + token(c -> c.issueTime(at(-10)).expirationTime(at(3650)))),
        ok("expired within skew", () -> "Bearer " + token(c -> c.expirationTime(at(-59)))),
        ok(
            "issued slightly in the future, within skew",
            () -> "Bearer " + token(c -> c.issueTime(at(50)))),
        ok(
            "not before slightly in the future, within skew",
            () -> "Bearer " + token(c -> c.notBeforeTime(at(50)))),
        // 403: a genuine signature for the wrong party.
        forbidden(
            "wrong audience",
            () -> "Bearer " + token(c -> c.audience("https://other.example.com")),
            "audience 'https://other.example.com' is not the configured audience"),
        forbidden(
            "audience list naming ours and another party",
            () -> "Bearer " + token(c -> c.audience(List.of("x", AUDIENCE))),
            "names 2 audiences"),
        forbidden(
            "audience list naming another party and ours, in that order",
            () -> "Bearer " + token(c -> c.audience(List.of(AUDIENCE, "https://third.example"))),
            "names 2 audiences"),
        forbidden(
            "no audience",
            () -> "Bearer " + token(c -> c.audience((String) null)),
            "audience (none)"),
        forbidden(
            "wrong issuer",
            () -> "Bearer " + token(c -> c.issuer("https://evil.example.com")),
            "issuer 'https://evil.example.com' is not Google"),
        forbidden(
            "http issuer",
            () -> "Bearer " + token(c -> c.issuer("http://accounts.google.com")),
            "issuer 'http://accounts.google.com'"),
        forbidden("no issuer", () -> "Bearer " + token(c -> c.issuer(null)), "issuer (none)"),
        forbidden(
            "wrong email",
            () -> "Bearer " + token(c -> c.claim("email", "mallory@other.iam.gserviceaccount.com")),
            "email 'mallory@other.iam.gserviceaccount.com' is not the configured push service account"),
        forbidden(
            "email differs in case",
            () ->
                "Bearer "
                    + token(c -> c.claim("email", ACCOUNT.toUpperCase(java.util.Locale.ROOT))),
            "is not the configured push service account"),
        forbidden("no email", () -> "Bearer " + token(c -> c.claim("email", null)), "email (none)"),
        forbidden(
            "email_verified false",
            () -> "Bearer " + token(c -> c.claim("email_verified", false)),
            "email_verified claim is 'false'"),
        forbidden(
            "email_verified missing",
            () -> "Bearer " + token(c -> c.claim("email_verified", null)),
            "no email_verified claim"),
        forbidden(
            "email_verified as a string",
            () -> "Bearer " + token(c -> c.claim("email_verified", "true")),
            "email_verified claim is 'true', not true"),
        // 401: the token cannot be trusted.
        unauthenticated(
            "a lifetime of two hours (Google ID tokens live one)",
            () -> "Bearer " + token(c -> c.issueTime(at(-10)).expirationTime(at(7190))),
            "longer than the one hour of a Google ID token"),
        unauthenticated(
            "a lifetime of a year",
            () -> "Bearer " + token(c -> c.issueTime(at(-10)).expirationTime(at(365 * 86400))),
            "longer than the one hour"),
        unauthenticated("missing header", () -> null, "no Authorization header"),
        unauthenticated("empty header", () -> "", "no Authorization header"),
        unauthenticated(
            "Basic scheme",
            () -> "Basic dXNlcjpwYXNzd29yZA==",
            "not a Bearer token (scheme 'Basic')"),
        unauthenticated(
            "token without scheme", TestTokens::token, "not a Bearer token (scheme (none))"),
        unauthenticated("Bearer without token", () -> "Bearer ", "no token"),
        unauthenticated("garbage", () -> "Bearer not-a-jwt", "malformed JWT: 1 parts instead of 3"),
        unauthenticated(
            "three parts of garbage", () -> "Bearer abc.def.ghi", "not base64url-encoded JSON"),
        unauthenticated(
            "two tokens joined by a comma",
            () -> "Bearer " + token() + ", Bearer " + token(),
            "is not base64url"),
        unauthenticated("oversized token", () -> "Bearer " + "a".repeat(20_000), "more than 16384"),
        unauthenticated(
            "encrypted JWT", () -> "Bearer a.b.c.d.e", "encrypted JWTs (JWE) are not accepted"),
        unauthenticated(
            "alg none",
            () -> "Bearer " + TestTokens.unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}"),
            "alg none"),
        unauthenticated(
            "alg none with kid",
            () -> "Bearer " + TestTokens.unsigned("{\"alg\":\"none\",\"kid\":\"k1\"}"),
            "alg none"),
        unauthenticated(
            "alg None (capitalised)",
            () -> "Bearer " + TestTokens.unsigned("{\"alg\":\"None\",\"kid\":\"k1\"}") + "c2ln",
            "algorithm 'None' is not accepted"),
        unauthenticated(
            "HS256 keyed with the public key",
            () -> "Bearer " + TestTokens.hs256WithPublicKey(),
            "algorithm 'HS256' is not accepted; only RS256"),
        unauthenticated(
            "RS512 with the right key",
            () ->
                "Bearer "
                    + sign(
                        KEY,
                        new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("k1").build(),
                        claims()),
            "algorithm 'RS512' is not accepted"),
        unauthenticated(
            "PS256 with the right key",
            () ->
                "Bearer "
                    + sign(
                        KEY,
                        new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("k1").build(),
                        claims()),
            "algorithm 'PS256' is not accepted"),
        unauthenticated(
            "unknown key id",
            () -> "Bearer " + sign(KEY, rs256("k9"), claims()),
            "no RS256 key with key id 'k9'"),
        unauthenticated(
            "no key id",
            () ->
                "Bearer " + sign(KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims()),
            "no key id (kid)"),
        unauthenticated(
            "signed by another key",
            () -> "Bearer " + sign(FORGER, rs256("k1"), claims()),
            "signature does not verify with key 'k1'"),
        unauthenticated(
            "signed by the other published key under kid k1",
            () -> "Bearer " + sign(TestTokens.SECOND, rs256("k1"), claims()),
            "signature does not verify"),
        unauthenticated(
            "claims changed after signing",
            () -> "Bearer " + tamper(token()),
            "signature does not verify"),
        unauthenticated(
            "wrong typ",
            () ->
                "Bearer "
                    + sign(
                        KEY,
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID("k1")
                            .type(new JOSEObjectType("at+jwt"))
                            .build(),
                        claims()),
            "type 'at+jwt' is not accepted"),
        unauthenticated(
            "expired beyond skew",
            () -> "Bearer " + token(c -> c.expirationTime(at(-61))),
            "expired at 2026-11-22T11:58:59Z"),
        unauthenticated(
            "expired exactly at the skew boundary",
            () -> "Bearer " + token(c -> c.expirationTime(at(-60))),
            "allowed clock skew 60s"),
        unauthenticated(
            "no expiry", () -> "Bearer " + token(c -> c.expirationTime(null)), "no expiry (exp)"),
        unauthenticated(
            "no issue time",
            () -> "Bearer " + token(c -> c.issueTime(null)),
            "no issue time (iat)"),
        unauthenticated(
            "issued in the future",
            () -> "Bearer " + token(c -> c.issueTime(at(61))),
            "not yet valid: issued at 2026-11-22T12:01:01Z"),
        unauthenticated(
            "not yet valid (nbf)",
            () -> "Bearer " + token(c -> c.notBeforeTime(at(3600))),
            "not yet valid: not before"));
  }

  /** Replaces the claims part with other claims, keeping header and signature. */
  static String tamper(String token) {
    String[] parts = token.split("\\.");
    String other = TestTokens.b64(claims(c -> c.claim("email", "x@y.z")).toString());
    return parts[0] + "." + other + "." + parts[2];
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachRuleDecidesOneWay(Row row) {
    String header = row.header().get();
    if (row.problem() == null) {
      assertThatCode(() -> AUTH.verify(header)).doesNotThrowAnyException();
      return;
    }
    assertThatThrownBy(() -> AUTH.verify(header))
        .isInstanceOfSatisfying(
            BadEventException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(row.problem());
              assertThat(e.getMessage())
                  .startsWith("Pub/Sub push authentication: ")
                  .contains(row.fragment())
                  .contains("docs/troubleshooting.md#" + row.problem().anchor());
              assertThat(e.getCause()).isNull();
              if (header != null && header.length() > 40) {
                // never echo the token, nor its signature
                String[] parts = header.substring(header.indexOf(' ') + 1).split("\\.");
                for (String part : parts) {
                  if (part.length() > 12) {
                    assertThat(e.getMessage()).doesNotContain(part);
                  }
                }
              }
            });
  }

  @Test
  void statusesAre401And403() {
    assertThat(Problem.UNAUTHENTICATED.httpStatus()).isEqualTo(401);
    assertThat(Problem.FORBIDDEN.httpStatus()).isEqualTo(403);
  }

  @Test
  void skewIsConfigurableUpTo300Seconds() {
    PushAuthenticator lenient =
        PushAuthenticator.builder()
            .audience(AUDIENCE)
            .serviceAccountEmail(ACCOUNT)
            .jwkSet(PUBLISHED)
            .clock(CLOCK)
            .maxSkew(Duration.ofSeconds(300))
            .build();
    lenient.verify("Bearer " + token(c -> c.expirationTime(at(-299))));
    assertThatThrownBy(() -> lenient.verify("Bearer " + token(c -> c.expirationTime(at(-300)))))
        .hasMessageContaining("allowed clock skew 300s");

    PushAuthenticator strict =
        PushAuthenticator.builder()
            .audience(AUDIENCE)
            .serviceAccountEmail(ACCOUNT)
            .jwkSet(PUBLISHED)
            .clock(CLOCK)
            .maxSkew(Duration.ZERO)
            .build();
    assertThatThrownBy(() -> strict.verify("Bearer " + token(c -> c.expirationTime(at(0)))))
        .hasMessageContaining("expired");
    strict.verify("Bearer " + token(c -> c.expirationTime(at(1))));

    assertThatThrownBy(() -> PushAuthenticator.builder().maxSkew(Duration.ofSeconds(301)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 300 seconds");
    assertThatThrownBy(() -> PushAuthenticator.builder().maxSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysThatCannotBeFetchedAreARetryableFailureNotA401() {
    PushAuthenticator auth =
        PushAuthenticator.builder()
            .audience(AUDIENCE)
            .serviceAccountEmail(ACCOUNT)
            .jwkSource(
                (selector, context) -> {
                  throw new KeySourceException("connection refused");
                })
            .clock(CLOCK)
            .build();
    assertThatThrownBy(() -> auth.verify("Bearer " + token()))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("could not obtain the signing keys from the configured JWK source");
  }

  @Test
  void builderRequiresAudienceAndServiceAccount() {
    assertThatThrownBy(() -> PushAuthenticator.builder().audience(AUDIENCE).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("audience and a service account email");
    assertThatThrownBy(() -> PushAuthenticator.builder().audience(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builtWithoutKeysUsesGooglesCertificatesWithoutFetchingThem() {
    PushAuthenticator google =
        PushAuthenticator.builder().audience(AUDIENCE).serviceAccountEmail(ACCOUNT).build();
    assertThat(google.enabled()).isTrue();
    // Checks before the key lookup need no network.
    assertThatThrownBy(() -> google.verify("Bearer " + TestTokens.hs256WithPublicKey()))
        .hasMessageContaining("only RS256");
  }

  @Test
  void oneInstanceServesManyThreads() throws Exception {
    String good = "Bearer " + token();
    String wrongAudience = "Bearer " + token(c -> c.audience("https://other.example.com"));
    String forged = "Bearer " + sign(FORGER, rs256("k1"), claims());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        int kind = i % 3;
        String header = kind == 0 ? good : kind == 1 ? wrongAudience : forged;
        results.add(
            pool.submit(
                () -> {
                  try {
                    AUTH.verify(header);
                    return "ok";
                  } catch (BadEventException e) {
                    return e.problem().name();
                  }
                }));
      }
      for (int i = 0; i < results.size(); i++) {
        String expected = i % 3 == 0 ? "ok" : i % 3 == 1 ? "FORBIDDEN" : "UNAUTHENTICATED";
        assertThat(results.get(i).get()).as("request %d", i).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
