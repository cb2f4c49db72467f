package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.RequestDefaults;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue class 6: every request reaching {@link HttpEntryPoint} that claims a Google origin must
 * prove it, or it never reaches the application (gcp/README-auth.md, "Requests that claim a Google
 * origin"). Recorded events from the conformance corpus (google-cloudevents data, Google's own
 * binary/structured shapes) and variants of them, through the real entry point into a real servlet
 * on the real bridge.
 */
class GoogleOriginAuthTest {
  private static final String PUBSUB_DATA =
      ConformanceCorpus.get("gcp/pubsub/binary-pubsub-binary").inputText();

  @BeforeEach
  void reset() {
    BridgedApp.reset();
  }

  private static LocalGcpHttpResponse serve(
      Configuration config, PushAuthenticator auth, LocalGcpHttpRequest r) throws Exception {
    LocalGcpHttpResponse res = new LocalGcpHttpResponse();
    new HttpEntryPoint(config, BridgedApp.app(), auth).service(r, res);
    return res;
  }

  private static LocalGcpHttpResponse serve(LocalGcpHttpRequest r) throws Exception {
    return serve(Configuration.builder().build(), TestTokens.authenticatorAtNow(), r);
  }

  /** A recorded case's request, as the case's transport sends it. */
  private static LocalGcpHttpRequest recorded(String id) {
    ConformanceCase c = ConformanceCorpus.get(id);
    ConformanceCase.Transport t = c.transport().orElseThrow();
    return LocalGcpHttpRequest.request(t.method(), t.path())
        .query(t.query().orElse(null))
        .body(c.input())
        .headers(t.headers());
  }

  /** The recorded Pub/Sub CloudEvent's data in binary mode under other attributes. */
  private static LocalGcpHttpRequest binary(String type, String source) {
    return LocalGcpHttpRequest.post("/", PUBSUB_DATA.getBytes(UTF_8))
        .header("Content-Type", "application/json")
        .header("ce-specversion", "1.0")
        .header("ce-id", "forged-1")
        .header("ce-source", source)
        .header("ce-type", type);
  }

  private static final String TOPIC = "//pubsub.googleapis.com/projects/p/topics/t";

  static Stream<Arguments> claims() {
    return Stream.of(
        shape(
            "the issue's example: a binary CloudEvent of the Pub/Sub type",
            () -> binary("google.cloud.pubsub.topic.v1.messagePublished", TOPIC)),
        shape("recorded binary Storage event", () -> recorded("gcp/storage/binary-storage-simple")),
        shape(
            "recorded structured Storage event",
            () -> recorded("gcp/storage/structured-storage-object-workflows")),
        shape(
            "recorded structured audit log event",
            () -> recorded("gcp/audit/structured-audit-bigquery-job-completed")),
        shape(
            "recorded Firestore protobuf event",
            () -> recorded("gcp/firestore/binary-firestore-simple")),
        shape(
            "recorded Firebase Alerts event (google.firebase.*, routed by the general rule)",
            () -> recorded("gcp/firebase-alerts/binary-alerts-published")),
        shape(
            "a Google type in other letter case (would go to core's generic route)",
            () -> binary("GOOGLE.cloud.pubsub.topic.v1.messagePublished", TOPIC)),
        shape(
            "a Google type percent-encoded in the header",
            () -> binary("google%2Ecloud.pubsub.topic.v1.messagePublished", TOPIC)),
        shape(
            "any type from a googleapis.com source", () -> binary("com.example.published", TOPIC)),
        shape(
            "any type from an https googleapis.com source",
            () -> binary("com.example.published", "https://PubSub.GoogleApis.com./projects/p")),
        shape(
            "a structured CloudEvent with a Google type",
            () ->
                LocalGcpHttpRequest.post(
                        "/",
                        ("{\"specversion\":\"1.0\",\"id\":\"s-1\",\"source\":\"//x\",\"type\":"
                                + "\"google.cloud.pubsub.topic.v1.messagePublished\",\"data\":"
                                + PUBSUB_DATA
                                + "}")
                            .getBytes(UTF_8))
                    .header("Content-Type", "application/cloudevents+json; charset=utf-8")),
        shape(
            "a CloudEvents batch with one Google member",
            () ->
                LocalGcpHttpRequest.post(
                        "/",
                        ("[{\"specversion\":\"1.0\",\"id\":\"b-1\",\"source\":\"/app\",\"type\":"
                                + "\"com.example.a\"},{\"specversion\":\"1.0\",\"id\":\"b-2\","
                                + "\"source\":\"/app\",\"type\":"
                                + "\"google.cloud.storage.object.v1.finalized\"}]")
                            .getBytes(UTF_8))
                    .header("Content-Type", "application/cloudevents-batch+json")),
        shape(
            "an unwrapped push whose attributes look like a CloudEvent",
            () ->
                LocalGcpHttpRequest.post("/", "hi".getBytes(UTF_8))
                    .header("x-goog-pubsub-message-id", "m-1")
                    .header("x-goog-pubsub-subscription-name", "projects/p/subscriptions/s")
                    .header("ce-specversion", "1.0")
                    .header("ce-id", "x")
                    .header("ce-source", "/app")
                    .header("ce-type", "com.example.a")),
        shape(
            "a wrapped push",
            () ->
                LocalGcpHttpRequest.post(
                        "/",
                        ("{\"message\":{\"data\":\"aGk=\",\"messageId\":\"m-2\"},"
                                + "\"subscription\":\"projects/p/subscriptions/s\"}")
                            .getBytes(UTF_8))
                    .header("Content-Type", "application/json")),
        shape(
            "plain HTTP to the Pub/Sub route",
            () ->
                LocalGcpHttpRequest.post("/google.cloud.pubsub", PUBSUB_DATA.getBytes(UTF_8))
                    .header("Content-Type", "application/json")),
        shape(
            "plain HTTP to the route, path parameter",
            () ->
                LocalGcpHttpRequest.post("/google.cloud.pubsub;v=1", PUBSUB_DATA.getBytes(UTF_8))),
        shape(
            "plain HTTP to the route, percent-encoded",
            () -> LocalGcpHttpRequest.post("/%67oogle.cloud.storage", new byte[0])),
        shape(
            "plain HTTP to the route, dot segments",
            () -> LocalGcpHttpRequest.post("/books/.././google.cloud.storage/x", new byte[0])),
        shape(
            "a legacy background body posted to the Storage route",
            () ->
                LocalGcpHttpRequest.post(
                        "/Google.Cloud.Storage",
                        ConformanceCorpus.get("gcp/storage/storage-legacy-input").input())
                    .header("Content-Type", "application/json")));
  }

  private static Arguments shape(String name, Supplier<LocalGcpHttpRequest> request) {
    return Arguments.of(name, request);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("claims")
  void withoutATokenItNeverReachesTheApplication(String name, Supplier<LocalGcpHttpRequest> request)
      throws Exception {
    LocalGcpHttpResponse res = serve(request.get());
    assertThat(res.status()).as(name + ": " + res.bodyText()).isEqualTo(401);
    assertThat(BridgedApp.SEEN).as(name).isEmpty();

    String forged = TestTokens.sign(TestTokens.FORGER, TestTokens.rs256("k1"), TestTokens.claims());
    res = serve(request.get().header("Authorization", "Bearer " + forged));
    assertThat(res.status()).as(name).isEqualTo(401);
    res =
        serve(
            request
                .get()
                .header("Authorization", "Bearer " + TestTokens.token(c -> c.audience("x"))));
    assertThat(res.status()).as(name).isEqualTo(403);
    assertThat(BridgedApp.SEEN).as(name).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("claims")
  void aVerifiedTokenLetsItThroughAsAPlatformEvent(
      String name, Supplier<LocalGcpHttpRequest> request) throws Exception {
    LocalGcpHttpResponse res =
        serve(request.get().header("Authorization", "Bearer " + TestTokens.token()));
    assertThat(res.status()).as(name + ": " + res.bodyText()).isBetween(200, 299);
    assertThat(BridgedApp.SEEN).as(name).isNotEmpty();
    for (BridgedApp.Seen s : BridgedApp.SEEN) {
      // plain HTTP is passed through as the request it is (its Authorization too), never as a
      // platform event; an event request carries the event, not the caller's token
      boolean event = s.header("ce-specversion") != null;
      assertThat(s.platformEvent()).as(name).isEqualTo(event);
      if (event) {
        assertThat(s.header("authorization")).as(name).isNull();
      }
    }
  }

  @Test
  void withoutSettingsTheRefusalSaysWhatToConfigure() throws Exception {
    LocalGcpHttpResponse res = new LocalGcpHttpResponse();
    new HttpEntryPoint(Configuration.builder().build(), BridgedApp.app())
        .service(binary("google.cloud.pubsub.topic.v1.messagePublished", TOPIC), res);
    assertThat(res.status()).isEqualTo(401);
    assertThat(res.bodyText()).isEqualTo("unauthenticated\n"); // the detail goes to the log only
    assertThat(BridgedApp.SEEN).isEmpty();
  }

  @Test
  void aPlatformGuardedEndpointTakesGoogleCloudEventsWithoutATokenButStillChecksPushes()
      throws Exception {
    Configuration trusted =
        Configuration.builder().setting("CEH_HTTP_EVENTS_TRUSTED", "true").build();
    LocalGcpHttpResponse res =
        serve(
            trusted,
            TestTokens.authenticatorAtNow(),
            binary("google.cloud.pubsub.topic.v1.messagePublished", TOPIC));
    assertThat(res.status()).isEqualTo(200);
    assertThat(BridgedApp.SEEN)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.path()).isEqualTo("/google.cloud.pubsub");
              assertThat(s.platformEvent()).isTrue();
            });
    // a push always carries its token; the endpoint being guarded does not excuse it
    BridgedApp.reset();
    LocalGcpHttpRequest push =
        LocalGcpHttpRequest.post(
                "/",
                ("{\"message\":{\"data\":\"aGk=\",\"messageId\":\"m-3\"},"
                        + "\"subscription\":\"projects/p/subscriptions/s\"}")
                    .getBytes(UTF_8))
            .header("Content-Type", "application/json");
    assertThat(serve(trusted, TestTokens.authenticatorAtNow(), push).status()).isEqualTo(401);
    assertThat(BridgedApp.SEEN).isEmpty();
  }

  @Test
  void withAuthenticationOffGoogleEventsAreDeliveredButNotAsPlatformEvents() throws Exception {
    Configuration off = Configuration.builder().setting("CEH_PUBSUB_AUTH", "off").build();
    LocalGcpHttpResponse res = new LocalGcpHttpResponse();
    new HttpEntryPoint(off, BridgedApp.app())
        .service(binary("google.cloud.pubsub.topic.v1.messagePublished", TOPIC), res);
    assertThat(res.status()).isEqualTo(200);
    assertThat(BridgedApp.SEEN)
        .singleElement()
        .satisfies(s -> assertThat(s.platformEvent()).isFalse());
  }

  @Test
  void requestsThatClaimNoGoogleOriginNeedNoToken() throws Exception {
    assertThat(serve(binary("com.example.created", "/orders")).status()).isEqualTo(200);
    // a publisher's source in Google's spelling is its own: routed under /unverified/, no claim
    assertThat(serve(binary("com.example.finalized", "google.cloud.storage")).status())
        .isEqualTo(200);
    assertThat(serve(LocalGcpHttpRequest.get("/books")).status()).isEqualTo(200);
    // a legacy-shaped body on the app's own path is plain HTTP (never converted, never trusted)
    assertThat(
            serve(
                    LocalGcpHttpRequest.post(
                            "/import",
                            ConformanceCorpus.get("gcp/storage/storage-legacy-input").input())
                        .header("Content-Type", "application/json"))
                .status())
        .isEqualTo(200);
    assertThat(BridgedApp.SEEN)
        .extracting(BridgedApp.Seen::path)
        .containsExactly("/orders", "/unverified/google.cloud.storage", "/books", "/import");
    assertThat(BridgedApp.SEEN).noneMatch(BridgedApp.Seen::platformEvent);
  }

  @Test
  void underAPathPrefixTheRoutesMoveWithIt() throws Exception {
    Configuration prefixed =
        Configuration.builder()
            .requestDefaults(RequestDefaults.parse("{\"pathPrefix\":\"/events\"}"))
            .build();
    assertThat(
            serve(
                    prefixed,
                    TestTokens.authenticatorAtNow(),
                    LocalGcpHttpRequest.post("/events/google.cloud.storage", new byte[0]))
                .status())
        .isEqualTo(401);
    assertThat(
            serve(
                    prefixed,
                    TestTokens.authenticatorAtNow(),
                    LocalGcpHttpRequest.post("/google.cloud.storage", new byte[0]))
                .status())
        .isEqualTo(200); // not an event route of this app: its own path
    assertThat(BridgedApp.SEEN)
        .extracting(BridgedApp.Seen::path)
        .containsExactly("/google.cloud.storage");
  }
}
