package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * Push token verification in front of the application, through {@link HttpEntryPoint}: the token is
 * checked before the body is read as an event, and a refused push never reaches the app. (Every
 * single-claim JWT deviation is covered in {@code PushAuthenticatorTest}.)
 */
class HttpEntryPointPushAuthTest {
  private static final Configuration CONFIG = Configuration.builder().build();
  private static final String BODY =
      "{\"message\":{\"data\":\"aGk=\",\"messageId\":\"m-1\"},"
          + "\"subscription\":\"projects/p/subscriptions/s\"}";

  private static LocalGcpHttpResponse serve(RecordingApplication app, LocalGcpHttpRequest req)
      throws Exception {
    LocalGcpHttpResponse r = new LocalGcpHttpResponse();
    new HttpEntryPoint(CONFIG, app, TestTokens.authenticatorAtNow()).service(req, r);
    return r;
  }

  private static LocalGcpHttpRequest wrapped(String body) {
    return LocalGcpHttpRequest.post("/", body.getBytes(UTF_8))
        .header("Content-Type", "application/json");
  }

  @Test
  void aGenuineTokenLetsThePushThrough() throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    LocalGcpHttpResponse r =
        serve(app, wrapped(BODY).header("Authorization", "Bearer " + TestTokens.token()));
    assertThat(r.status()).isEqualTo(204);
    assertThat(app.requests()).hasSize(1);
    assertThat(app.requests().get(0).header("Authorization")).isEmpty();
    // a verified push is a platform event for the app's event-route guard
    assertThat(app.requests().get(0).attributes().get(RequestAttributes.PLATFORM_EVENT))
        .isEqualTo(Boolean.TRUE);
  }

  @Test
  void missingForgedOrMisdirectedTokensNeverReachTheApp() throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    assertThat(serve(app, wrapped(BODY)).status()).isEqualTo(401);
    String forged = TestTokens.sign(TestTokens.FORGER, TestTokens.rs256("k1"), TestTokens.claims());
    assertThat(serve(app, wrapped(BODY).header("Authorization", "Bearer " + forged)).status())
        .isEqualTo(401);
    String otherAudience = TestTokens.token(c -> c.audience("https://elsewhere.example"));
    LocalGcpHttpResponse r =
        serve(app, wrapped(BODY).header("Authorization", "Bearer " + otherAudience));
    assertThat(r.status()).isIn(401, 403);
    assertThat(r.bodyText()).doesNotContain("elsewhere");
    String expired =
        TestTokens.token(c -> c.expirationTime(Date.from(TestTokens.NOW.minusSeconds(3600))));
    assertThat(serve(app, wrapped(BODY).header("Authorization", "Bearer " + expired)).status())
        .isEqualTo(401);
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void aTokenIsCheckedBeforeTheBodySoBrokenUnauthenticatedPushesGet401() throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    LocalGcpHttpResponse r =
        serve(app, wrapped("{\"subscription\":\"projects/p/subscriptions/s\"}"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void anUnwrappedAttributeNamedAuthorizationDoesNotCountAsTheToken() throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    LocalGcpHttpRequest attributeOnly =
        LocalGcpHttpRequest.post("/", "raw".getBytes(UTF_8))
            .header("x-goog-pubsub-message-id", "m-2")
            .header("x-goog-pubsub-subscription-name", "projects/p/subscriptions/raw")
            .header("authorization", "Bearer " + TestTokens.token(c -> c.audience("x")));
    assertThat(serve(app, attributeOnly).status()).isIn(401, 403);
    LocalGcpHttpRequest both =
        LocalGcpHttpRequest.post("/", "raw".getBytes(UTF_8))
            .header("x-goog-pubsub-message-id", "m-3")
            .header("x-goog-pubsub-subscription-name", "projects/p/subscriptions/raw")
            .header("Authorization", "Bearer " + TestTokens.token())
            .header("authorization", "admin");
    assertThat(serve(app, both).status()).isEqualTo(401);
    assertThat(app.requests()).isEmpty();
  }

  @Test
  void withoutSettingsEveryPushIsRefusedButOtherRequestsWork() throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    LocalGcpHttpResponse push = new LocalGcpHttpResponse();
    new HttpEntryPoint(CONFIG, app)
        .service(wrapped(BODY).header("Authorization", "Bearer " + TestTokens.token()), push);
    assertThat(push.status()).isEqualTo(401);
    LocalGcpHttpResponse plain = new LocalGcpHttpResponse();
    new HttpEntryPoint(CONFIG, app).service(LocalGcpHttpRequest.get("/health"), plain);
    assertThat(plain.status()).isEqualTo(200);
    assertThat(app.requests()).hasSize(1);
    assertThat(app.requests().get(0).path()).isEqualTo("/health");
  }
}
