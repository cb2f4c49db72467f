package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import io.github.cloudeventshandler.testing.platform.PushTokenIssuer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Push authentication at the entry point (must-implement items 21 and 22): {@link HttpEntryPoint}
 * configured from {@code CEH_PUBSUB_*} settings (keys from the test kit's JWKS on loopback) answers
 * every JWT deviation with its status and never calls the application; a genuine token is acked
 * with 204.
 */
class PushAuthEntryPointTest {
  private static final String PUSH =
      "{\"message\":{\"attributes\":{\"k\":\"v\"},\"data\":\"aGVsbG8=\",\"messageId\":\"m-1\","
          + "\"publishTime\":\"2026-11-22T12:00:00Z\"},"
          + "\"subscription\":\"projects/p/subscriptions/s\"}";

  /** Keys from the test kit's JWKS, served over HTTP on loopback. */
  private static final Configuration config =
      Configuration.builder()
          .setting("CEH_PUBSUB_AUDIENCE", TestTokens.AUDIENCE)
          .setting("CEH_PUBSUB_SERVICE_ACCOUNT", TestTokens.ACCOUNT)
          .setting("CEH_PUBSUB_JWKS_URL", PushTokenIssuer.shared().jwksUri().toString())
          .build();

  record Row(String name, Supplier<List<String>> authorization, int status) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Row row(String name, Supplier<String> bearerToken, int status) {
    return new Row(name, () -> List.of("Bearer " + bearerToken.get()), status);
  }

  static Stream<Row> rows() {
    return Stream.of(
        row("genuine token", () -> TestTokens.tokenNow(c -> c), 204),
        row("forged signature", TestTokens::forgedNow, 401),
        row("wrong audience", () -> TestTokens.tokenNow(c -> c.audience("https://x.example")), 403),
        row("wrong issuer", () -> TestTokens.tokenNow(c -> c.issuer("https://evil.example")), 403),
        row("wrong email", () -> TestTokens.tokenNow(c -> c.claim("email", "m@x.iam")), 403),
        row(
            "email_verified false",
            () -> TestTokens.tokenNow(c -> c.claim("email_verified", false)),
            403),
        row(
            "email_verified missing",
            () -> TestTokens.tokenNow(c -> c.claim("email_verified", null)),
            403),
        row("alg none", () -> TestTokens.unsigned("{\"alg\":\"none\",\"kid\":\"k1\"}"), 401),
        row("HS256 keyed with the public key", TestTokens::hs256WithPublicKey, 401),
        row(
            "unknown key id",
            () -> TestTokens.sign(TestTokens.KEY, TestTokens.rs256("k7"), TestTokens.claimsNow()),
            401),
        row(
            "expired beyond the skew",
            () ->
                TestTokens.tokenNow(
                    c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))),
            401),
        row(
            "not yet valid",
            () -> TestTokens.tokenNow(c -> c.issueTime(Date.from(Instant.now().plusSeconds(900)))),
            401),
        new Row("no Authorization header", List::of, 401),
        new Row("Basic credentials", () -> List.of("Basic dXNlcjpwYXNz"), 401),
        new Row("garbage", () -> List.of("Bearer garbage"), 401),
        new Row(
            "token plus an 'authorization' attribute header (no-wrapper push)",
            () -> List.of("Bearer " + TestTokens.tokenNow(c -> c), "admin"),
            401));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyDeviationIsRefusedBeforeTheApplication(Row row) throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    List<String> authorization = row.authorization().get();
    LocalGcpHttpRequest req =
        LocalGcpHttpRequest.post("/", PUSH).header("Content-Type", "application/json");
    for (String v : authorization) {
      req = req.header("Authorization", v);
    }
    LocalGcpHttpResponse res = new LocalGcpHttpResponse();
    new HttpEntryPoint(config, app).service(req, res);

    assertThat(res.status()).isEqualTo(row.status());
    if (row.status() == 204) {
      assertThat(app.requests()).hasSize(1);
      assertThat(app.requests().get(0).path()).isEqualTo("/google.cloud.pubsub");
    } else {
      assertThat(app.requests()).as("the application must not be called").isEmpty();
      for (String v : authorization) {
        String token = v.substring(v.indexOf(' ') + 1);
        if (token.length() > 20) {
          assertThat(res.bodyText()).doesNotContain(token);
        }
      }
    }
  }

  @Test
  void aDeploymentWithoutPushSettingsRefusesPushes() throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    LocalGcpHttpRequest req =
        LocalGcpHttpRequest.post("/", PUSH.getBytes(UTF_8))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TestTokens.tokenNow(c -> c));
    LocalGcpHttpResponse res = new LocalGcpHttpResponse();
    new HttpEntryPoint(Configuration.builder().build(), app).service(req, res);
    assertThat(res.status()).isEqualTo(401);
    assertThat(app.requests()).isEmpty();
  }
}
