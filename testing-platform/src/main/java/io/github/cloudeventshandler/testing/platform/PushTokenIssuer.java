package io.github.cloudeventshandler.testing.platform;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for Google's token service in tests of Pub/Sub push: one RSA key, OIDC ID tokens
 * signed with it in the shape an authenticated push subscription sends ({@code RS256}, a {@code
 * kid}, issuer {@code https://accounts.google.com}, audience, service account {@code email}, {@code
 * email_verified}, one hour of validity), and the public key published as a JWKS — as JSON, and
 * served over HTTP on loopback at {@link #jwksUri()} for {@code CEH_PUBSUB_JWKS_URL}.
 *
 * <pre>{@code
 * PushTokenIssuer google = PushTokenIssuer.shared();
 * Configuration config = Configuration.builder()
 *     .setting("CEH_PUBSUB_AUDIENCE", PushTokenIssuer.AUDIENCE)
 *     .setting("CEH_PUBSUB_SERVICE_ACCOUNT", PushTokenIssuer.SERVICE_ACCOUNT)
 *     .setting("CEH_PUBSUB_JWKS_URL", google.jwksUri().toString())
 *     .build();
 * request.header("Authorization", "Bearer " + google.token());
 * }</pre>
 *
 * <p>The loopback server answers {@code GET} with the JWKS and runs on a daemon thread, so it never
 * keeps a JVM alive; {@link #close()} stops it. Failure contract: {@link IllegalStateException}
 * when the JVM cannot make or use an RSA key, {@link UncheckedIOException} when no loopback port
 * can be opened. Thread-safe.
 */
public final class PushTokenIssuer implements AutoCloseable {
  /** The audience {@link #token()} is for. */
  public static final String AUDIENCE = "https://localhost/pubsub/push";

  /** The push subscription's service account {@link #token()} names. */
  public static final String SERVICE_ACCOUNT = "pubsub-push@local-project.iam.gserviceaccount.com";

  /** The issuer Google's push tokens name. */
  public static final String ISSUER = "https://accounts.google.com";

  private static final AtomicReference<PushTokenIssuer> SHARED = new AtomicReference<>();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final String keyId;
  private final KeyPair keys;
  private final boolean shared;
  private HttpServer server;

  private PushTokenIssuer(String keyId, KeyPair keys, boolean shared) {
    this.keyId = keyId;
    this.keys = keys;
    this.shared = shared;
  }

  /**
   * The issuer of this JVM, key id {@code k1}, made on first use (a 2048-bit RSA key takes a moment
   * to generate, so tests share one). Its {@link #close()} does nothing: its JWKS URL stays valid
   * for every test of the JVM.
   */
  public static PushTokenIssuer shared() {
    PushTokenIssuer s = SHARED.get();
    if (s == null) {
      SHARED.compareAndSet(null, new PushTokenIssuer("k1", generate(), true));
      s = SHARED.get();
    }
    return s;
  }

  /** A new issuer with its own 2048-bit RSA key under {@code keyId}. */
  public static PushTokenIssuer create(String keyId) {
    return new PushTokenIssuer(Objects.requireNonNull(keyId, "keyId"), generate(), false);
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate RSA keys", e);
    }
  }

  /** The {@code kid} of the key. */
  public String keyId() {
    return keyId;
  }

  /** The public key, as published. */
  public RSAPublicKey publicKey() {
    return (RSAPublicKey) keys.getPublic();
  }

  /** The private key that signs the tokens. */
  public RSAPrivateKey privateKey() {
    return (RSAPrivateKey) keys.getPrivate();
  }

  /** The JWKS with the public key: {@code {"keys":[{"kty":"RSA","kid":…,"n":…,"e":…}]}}. */
  public String jwks() {
    JsonObject key = new JsonObject();
    key.addProperty("kty", "RSA");
    key.addProperty("use", "sig");
    key.addProperty("alg", "RS256");
    key.addProperty("kid", keyId);
    key.addProperty("n", unsigned(publicKey().getModulus()));
    key.addProperty("e", unsigned(publicKey().getPublicExponent()));
    JsonArray keysArray = new JsonArray();
    keysArray.add(key);
    JsonObject set = new JsonObject();
    set.add("keys", keysArray);
    return set.toString();
  }

  private static String unsigned(BigInteger i) {
    byte[] b = i.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      b = Arrays.copyOfRange(b, 1, b.length);
    }
    return B64URL.encodeToString(b);
  }

  /**
   * The {@code http://127.0.0.1:<port>/certs} URL serving {@link #jwks()}; the server starts on the
   * first call.
   */
  public synchronized URI jwksUri() {
    if (server == null) {
      server = startServer();
    }
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/certs");
  }

  private HttpServer startServer() {
    byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
    AtomicReference<Object> started = new AtomicReference<>();
    // the server's dispatcher thread inherits daemon-ness from the thread that starts it
    Thread starter =
        new Thread(
            () -> {
              try {
                HttpServer s =
                    HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                s.createContext(
                    "/certs",
                    exchange -> {
                      try (exchange) {
                        if (!exchange.getRequestMethod().equals("GET")) {
                          exchange.sendResponseHeaders(405, -1);
                          return;
                        }
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                          out.write(body);
                        }
                      }
                    });
                s.start();
                started.set(s);
              } catch (IOException | RuntimeException e) {
                started.set(e);
              }
            },
            "ceh-jwks-starter");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the JWKS server", e);
    }
    Object result = started.get();
    if (result instanceof HttpServer s) {
      return s;
    }
    if (result instanceof IOException e) {
      throw new UncheckedIOException("cannot serve the JWKS on loopback", e);
    }
    throw new IllegalStateException("cannot serve the JWKS on loopback", (Throwable) result);
  }

  /**
   * The claims of a genuine push token issued now for {@code audience} and {@code serviceAccount},
   * valid for an hour; change them and sign them with {@link #sign(JsonObject)}.
   */
  public JsonObject claims(String audience, String serviceAccount) {
    Instant now = Instant.now();
    JsonObject c = new JsonObject();
    c.addProperty("aud", Objects.requireNonNull(audience, "audience"));
    c.addProperty("azp", "113774264463038321964");
    c.addProperty("email", Objects.requireNonNull(serviceAccount, "serviceAccount"));
    c.addProperty("email_verified", true);
    c.addProperty("exp", now.plusSeconds(3600).getEpochSecond());
    c.addProperty("iat", now.minusSeconds(5).getEpochSecond());
    c.addProperty("iss", ISSUER);
    c.addProperty("sub", "113774264463038321964");
    return c;
  }

  /** A genuine token for {@link #AUDIENCE} and {@link #SERVICE_ACCOUNT}, valid from now on. */
  public String token() {
    return token(AUDIENCE, SERVICE_ACCOUNT);
  }

  /** A genuine token for this audience and service account, valid for an hour from now. */
  public String token(String audience, String serviceAccount) {
    return sign(claims(audience, serviceAccount));
  }

  /** A compact JWS of exactly these claims: header {@code {"alg":"RS256","kid":…,"typ":"JWT"}}. */
  public String sign(JsonObject claims) {
    JsonObject header = new JsonObject();
    header.addProperty("alg", "RS256");
    header.addProperty("kid", keyId);
    header.addProperty("typ", "JWT");
    String signingInput = b64(header.toString()) + "." + b64(claims.toString());
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(keys.getPrivate());
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64URL.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with RS256", e);
    }
  }

  private static String b64(String json) {
    return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Stops the loopback server, if it runs; {@link #jwksUri()} starts a new one. Does nothing for
   * the {@link #shared()} issuer.
   */
  @Override
  public synchronized void close() {
    if (server != null && !shared) {
      server.stop(0);
      server = null;
    }
  }

  @Override
  public String toString() {
    return "PushTokenIssuer[kid " + keyId + (server == null ? "" : ", " + jwksUri()) + "]";
  }
}
