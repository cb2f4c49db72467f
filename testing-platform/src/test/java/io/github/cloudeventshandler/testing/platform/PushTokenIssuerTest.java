package io.github.cloudeventshandler.testing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PushTokenIssuerTest {
  private static final PushTokenIssuer ISSUER = PushTokenIssuer.shared();

  @Test
  void aTokenVerifiesWithTheKeyFromTheServedJwks() throws Exception {
    URI uri = ISSUER.jwksUri();
    assertThat(uri.getHost()).isEqualTo("127.0.0.1");
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonObject key =
        JsonParser.parseString(res.body())
            .getAsJsonObject()
            .getAsJsonArray("keys")
            .get(0)
            .getAsJsonObject();
    assertThat(key.get("kid").getAsString()).isEqualTo("k1");
    PublicKey published =
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").getAsString())),
                    new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").getAsString()))));

    String[] jwt = ISSUER.token().split("\\.");
    assertThat(jwt).hasSize(3);
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(published);
    s.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(s.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();

    JsonObject header = json(jwt[0]);
    assertThat(header.get("alg").getAsString()).isEqualTo("RS256");
    assertThat(header.get("kid").getAsString()).isEqualTo("k1");
    assertThat(header.get("typ").getAsString()).isEqualTo("JWT");
    JsonObject claims = json(jwt[1]);
    assertThat(claims.get("iss").getAsString()).isEqualTo("https://accounts.google.com");
    assertThat(claims.get("aud").getAsString()).isEqualTo(PushTokenIssuer.AUDIENCE);
    assertThat(claims.get("email").getAsString()).isEqualTo(PushTokenIssuer.SERVICE_ACCOUNT);
    assertThat(claims.get("email_verified").getAsBoolean()).isTrue();
    long now = Instant.now().getEpochSecond();
    assertThat(claims.get("iat").getAsLong()).isBetween(now - 60, now);
    assertThat(claims.get("exp").getAsLong()).isBetween(now + 3500, now + 3700);
  }

  @Test
  void anotherIssuerHasAnotherKeyAndItsServerStopsOnClose() throws Exception {
    PushTokenIssuer other = PushTokenIssuer.create("k9");
    assertThat(other.publicKey()).isNotEqualTo(ISSUER.publicKey());
    assertThat(other.jwks()).contains("\"kid\":\"k9\"");
    URI uri = other.jwksUri();
    other.close();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theServerThreadIsADaemon() {
    ISSUER.jwksUri();
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> t.getName().startsWith("HTTP-Dispatcher"))
        .isNotEmpty()
        .allMatch(Thread::isDaemon);
  }

  private static JsonObject json(String b64) {
    return JsonParser.parseString(
            new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }
}
