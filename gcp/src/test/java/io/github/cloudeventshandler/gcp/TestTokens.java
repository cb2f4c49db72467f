package io.github.cloudeventshandler.gcp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.cloudeventshandler.testing.platform.PushTokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Google-shaped push tokens for tests, and the deliberately wrong ones: the genuine key is the test
 * kit's ({@link PushTokenIssuer#shared()}, one per JVM, also served as a JWKS on loopback); the
 * second and the forger's keys are generated here. Nothing is fetched from Google.
 */
final class TestTokens {
  static final String AUDIENCE = "https://push.example.com/pubsub";
  static final String ACCOUNT = "pusher@demo-project.iam.gserviceaccount.com";
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  /** The key in the published set, kid {@code k1}: the test kit's issuer's key. */
  static final RSAKey KEY = kitKey(PushTokenIssuer.shared());

  /** A second published key, so key selection by kid matters. */
  static final RSAKey SECOND = generate("k0");

  /** An attacker's key that claims kid {@code k1}. */
  static final RSAKey FORGER = generate("k1");

  /** The public keys a JWKS endpoint would publish. */
  static final JWKSet PUBLISHED = new JWKSet(List.of(SECOND.toPublicJWK(), KEY.toPublicJWK()));

  private TestTokens() {}

  private static RSAKey kitKey(PushTokenIssuer issuer) {
    return new RSAKey.Builder(issuer.publicKey())
        .privateKey(issuer.privateKey())
        .keyID(issuer.keyId())
        .build();
  }

  private static RSAKey generate(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a genuine push token at {@link #NOW}. */
  static JWTClaimsSet claims() {
    return new JWTClaimsSet.Builder()
        .issuer("https://accounts.google.com")
        .audience(AUDIENCE)
        .subject("113774264463038321964")
        .claim("azp", "113774264463038321964")
        .claim("email", ACCOUNT)
        .claim("email_verified", true)
        .issueTime(Date.from(NOW.minusSeconds(10)))
        .expirationTime(Date.from(NOW.plusSeconds(3590)))
        .build();
  }

  /** Genuine claims changed by {@code change}. */
  static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
    return change.apply(new JWTClaimsSet.Builder(claims())).build();
  }

  static JWSHeader rs256(String kid) {
    return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build();
  }

  /** A compact JWS of {@code claims} signed by {@code key} under {@code header}. */
  static String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An authenticator for these keys, audience and account, its clock stopped at {@link #NOW}. */
  static PushAuthenticator authenticatorAtNow() {
    return PushAuthenticator.builder()
        .audience(AUDIENCE)
        .serviceAccountEmail(ACCOUNT)
        .jwkSet(PUBLISHED)
        .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
        .build();
  }

  /** A genuine token at {@link #NOW}. */
  static String token() {
    return sign(KEY, rs256("k1"), claims());
  }

  /** A genuine token whose claims were changed by {@code change}, still correctly signed. */
  static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
    return sign(KEY, rs256("k1"), claims(change));
  }

  /** A genuine token for a real clock: issued now, valid for an hour. */
  static String tokenValidNow() {
    Instant now = Instant.now();
    return token(
        c ->
            c.issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(3600))));
  }

  /** Genuine claims for a real clock: issued now, valid for an hour. */
  static JWTClaimsSet claimsNow() {
    Instant now = Instant.now();
    return claims(
        c ->
            c.issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(3600))));
  }

  /** A token for a real clock (issued now, valid an hour), then changed by {@code change}. */
  static String tokenNow(UnaryOperator<JWTClaimsSet.Builder> change) {
    return sign(KEY, rs256("k1"), change.apply(new JWTClaimsSet.Builder(claimsNow())).build());
  }

  /** The same claims signed by the forger's key under the published kid. */
  static String forgedNow() {
    Instant now = Instant.now();
    return sign(
        FORGER,
        rs256("k1"),
        claims(
            c ->
                c.issueTime(Date.from(now.minusSeconds(5)))
                    .expirationTime(Date.from(now.plusSeconds(3600)))));
  }

  /** An unsigned token ({@code alg: none}), crafted by hand. */
  static String unsigned(String headerJson) {
    return b64(headerJson) + "." + b64(claims().toString()) + ".";
  }

  /** The classic key-confusion forgery: HS256 keyed with the RSA public key's encoded bytes. */
  static String hs256WithPublicKey() {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.HS256)
                  .keyID("k1")
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims());
      jwt.sign(new MACSigner(KEY.toRSAPublicKey().getEncoded()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
