package io.github.cloudeventshandler.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.aws.SnsHttpEndpoint;
import io.github.cloudeventshandler.aws.SnsTestEndpoints;
import io.github.cloudeventshandler.aws.internal.SnsTestPki;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.servlet.ServletApplication;
import io.github.cloudeventshandler.testing.PubSubEvents;
import io.github.cloudeventshandler.testing.WebPubSubEvents;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.PushTokenIssuer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A recorded event of every push protocol through real HTTP on loopback into the container ingress:
 * what the application got, and the answer the platform gets.
 */
class IngressProtocolsTest {
  @RegisterExtension static final SnsTestPki pki = SnsTestPki.start();

  private static ServletApplication app;
  private static IngressServer server;

  @BeforeAll
  static void start() {
    Configuration c =
        Configuration.from(
            Map.of(
                "CEH_PUBSUB_AUDIENCE",
                PushTokenIssuer.AUDIENCE,
                "CEH_PUBSUB_SERVICE_ACCOUNT",
                PushTokenIssuer.SERVICE_ACCOUNT,
                "CEH_PUBSUB_JWKS_URL",
                PushTokenIssuer.shared().jwksUri().toString(),
                "CEH_WEBPUBSUB_KEYS",
                WebPubSubEvents.KEY,
                "CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS",
                "ceh-sample",
                "CEH_WEBHOOK_ALLOWED_ORIGINS",
                "eventgrid.azure.net",
                SnsHttpEndpoint.ALLOWED_TOPICS,
                SnsTestPki.TOPIC),
            new Properties());
    app = ServletApplication.start(EchoServlet.class, c);
    server =
        IngressServer.builder(c)
            .host("127.0.0.1")
            .port(0)
            .application(app)
            .sns(
                SnsTestEndpoints.create(
                    EventPipeline.create(
                        c, ClassifierRegistry.load(IngressProtocolsTest.class.getClassLoader())),
                    pki))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    app.close();
  }

  @BeforeEach
  void reset() {
    EchoServlet.reset();
  }

  private static HttpResponse<String> post(String path, Headers headers, byte[] body) {
    return Http.send(server.port(), "POST", path, headers, body);
  }

  private static List<String> appPaths() {
    return EchoServlet.SEEN.stream().map(EchoServlet.Seen::path).toList();
  }

  /** A corpus case's recorded transport and body, posted to an ingress path. */
  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "cloudevents/conformance/v1-minimum-json-object, /ingress/cloudevents", // binary (Knative)
    "cloudevents/sdk-java/json-data, /ingress/cloudevents", // structured
    "gcp/audit/binary-audit-pubsub-create-topic, /ingress/cloudevents", // Eventarc → Cloud Run
    "azure/eventgrid-handshake/subscription-validation, /ingress/eventgrid",
    "azure/eventgrid-cloudevents/cloud-event-binary-data, /ingress/eventgrid", // CE batch
    "azure/webhook/preflight-allowed-origin, /ingress/eventgrid",
    "azure/webhook/preflight-allowed-origin, /ingress/webpubsub",
  })
  void recordedEvent(String id, String path) {
    ConformanceCase c = ConformanceCorpus.get(id);
    ConformanceCase.Transport t = c.transport().orElseThrow();
    Headers headers = t.headers();
    if (id.startsWith("gcp/")) {
      // Eventarc sends Cloud Run an OIDC token; a CloudEvent that claims a Google origin must
      // carry one the push settings verify (gcp README-auth.md)
      headers =
          headers.toBuilder()
              .add("Authorization", "Bearer " + PushTokenIssuer.shared().token())
              .build();
    }
    HttpResponse<String> r = Http.send(server.port(), t.method(), path, headers, c.input());

    JsonObject expected = c.expected();
    int status = expected.has("replyStatus") ? expected.get("replyStatus").getAsInt() : 200;
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    List<String> paths =
        expected.getAsJsonArray("requests").asList().stream()
            .map(e -> e.getAsJsonObject().get("path").getAsString())
            .toList();
    assertThat(appPaths()).isEqualTo(paths);
    if (expected.has("replyHeaders")) {
      for (Map.Entry<String, JsonElement> h : expected.getAsJsonObject("replyHeaders").entrySet()) {
        assertThat(r.headers().firstValue(h.getKey())).contains(h.getValue().getAsString());
      }
    }
    if (expected.has("replyJson")) {
      assertThat(JsonParser.parseString(r.body())).isEqualTo(expected.get("replyJson"));
    }
    // events over plain HTTP are not platform events unless CEH_HTTP_EVENTS_TRUSTED or, for a
    // Google origin, a verified token
    boolean verified = id.startsWith("gcp/");
    assertThat(EchoServlet.SEEN).allMatch(s -> s.platformEvent() == verified);
  }

  @Test
  void eventGridNotificationIsAcknowledgedOnlyWhenHandled() {
    ConformanceCase c = ConformanceCorpus.get("azure/eventgrid/storage-blob-created");
    Headers h = c.transport().orElseThrow().headers();
    assertThat(post("/ingress/eventgrid", h, c.input()).statusCode()).isEqualTo(200);
    assertThat(appPaths()).containsExactly("/microsoft.storage");

    String failing = c.inputText().replace("\"data\": {", "\"data\": {\"x\": \"fail-me\",");
    assertThat(failing).contains("fail-me");
    HttpResponse<String> r =
        post("/ingress/eventgrid", h, failing.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(503); // Event Grid retries 503
  }

  @Test
  void cloudEventsBatchIsAllOrNothing() {
    String ok =
        "{\"specversion\":\"1.0\",\"id\":\"b-1\",\"source\":\"/batch\",\"type\":\"t\",\"data\":{}}";
    String bad =
        "{\"specversion\":\"1.0\",\"id\":\"b-2\",\"source\":\"/batch\",\"type\":\"t\","
            + "\"data\":{\"x\":\"fail-me\"}}";
    Headers h = Headers.builder().add("Content-Type", "application/cloudevents-batch+json").build();
    HttpResponse<String> r =
        post("/ingress/cloudevents", h, bytes("[" + ok + "," + ok.replace("b-1", "b-3") + "]"));
    assertThat(r.statusCode()).isBetween(200, 299);
    assertThat(EchoServlet.SEEN).extracting(EchoServlet.Seen::ceId).containsExactly("b-1", "b-3");

    EchoServlet.reset();
    r = post("/ingress/cloudevents", h, bytes("[" + ok + "," + bad + "]"));
    assertThat(r.statusCode()).isGreaterThanOrEqualTo(500); // Knative and Dapr retry 5xx
  }

  @Test
  void pubSubPushIsVerifiedThenAcknowledged() {
    PubSubEvents.PubSubPush push = PubSubEvents.push("hello").messageId("m-1");
    LocalGcpHttpRequest req =
        push.toHttpRequest(PushTokenIssuer.AUDIENCE, PushTokenIssuer.SERVICE_ACCOUNT);
    HttpResponse<String> r = post("/ingress/pubsub", Headers.of(req.getHeaders()), req.body());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(EchoServlet.SEEN)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.path()).isEqualTo("/google.cloud.pubsub");
              assertThat(s.ceId()).isEqualTo("m-1");
              assertThat(s.platformEvent()).isTrue(); // the token was verified
            });

    EchoServlet.reset();
    LocalGcpHttpRequest unsigned = push.unauthenticated().toHttpRequest(null, null);
    r = post("/ingress/pubsub", Headers.of(unsigned.getHeaders()), unsigned.body());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(EchoServlet.SEEN).isEmpty();

    LocalGcpHttpRequest failing =
        PubSubEvents.push("x")
            .attribute("verdict", "fail-me") // attributes are plain text in the pushed JSON
            .toHttpRequest(PushTokenIssuer.AUDIENCE, PushTokenIssuer.SERVICE_ACCOUNT);
    r = post("/ingress/pubsub", Headers.of(failing.getHeaders()), failing.body());
    assertThat(r.statusCode()).isEqualTo(503); // a nack: Pub/Sub redelivers
  }

  @Test
  void webPubSubUpstreamIsVerifiedAndAnsweredByTheApp() {
    LocalAzureHttpRequest<Optional<byte[]>> req =
        WebPubSubEvents.message("chat", "conn-1", "hi there")
            .toHttpRequest(List.of(WebPubSubEvents.KEY));
    HttpResponse<String> r =
        post(
            "/ingress/webpubsub",
            Headers.of(singleValued(req.getHeaders())),
            req.getBody().orElse(new byte[0]));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(EchoServlet.SEEN)
        .singleElement()
        .satisfies(s -> assertThat(s.body()).isEqualTo("hi there"));
    assertThat(r.body()).contains("hi there"); // the app's answer goes back to the client

    EchoServlet.reset();
    LocalAzureHttpRequest<Optional<byte[]>> forged =
        WebPubSubEvents.message("chat", "conn-1", "hi")
            .signedWith("another-key")
            .toHttpRequest(List.of());
    r =
        post(
            "/ingress/webpubsub",
            Headers.of(singleValued(forged.getHeaders())),
            forged.getBody().orElseThrow());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(EchoServlet.SEEN).isEmpty();
  }

  @Test
  void snsNotificationIsVerifiedThenDelivered() {
    Map<String, String> n = pki.signed(pki.notification("order 7", "new order"));
    HttpResponse<String> r = post("/ingress/sns", SnsTestPki.headers(n), SnsTestPki.body(n));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(EchoServlet.SEEN)
        .singleElement()
        .satisfies(s -> assertThat(s.path()).isEqualTo("/aws.sns"));

    EchoServlet.reset();
    Map<String, String> tampered = new java.util.LinkedHashMap<>(n);
    tampered.put("Message", "order 8");
    r = post("/ingress/sns", SnsTestPki.headers(tampered), SnsTestPki.body(tampered));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(EchoServlet.SEEN).isEmpty();

    Map<String, String> failing = pki.signed(pki.notification("fail-me", "x"));
    r = post("/ingress/sns", SnsTestPki.headers(failing), SnsTestPki.body(failing));
    assertThat(r.statusCode()).isGreaterThanOrEqualTo(500); // SNS retries 5xx
  }

  @ParameterizedTest(name = "{1} at {0}")
  @CsvSource({
    "/ingress/pubsub, cloudevent",
    "/ingress/cloudevents, plain",
    "/ingress/eventgrid, plain",
    "/ingress/webpubsub, cloudevent",
    "/ingress/sns, plain",
  })
  void anotherProtocolIsRefusedWithoutReachingTheApp(String path, String what) {
    Headers h =
        what.equals("cloudevent")
            ? Headers.builder()
                .add("ce-specversion", "1.0")
                .add("ce-id", "x-1")
                .add("ce-source", "/s")
                .add("ce-type", "t")
                .add("Content-Type", "application/json")
                .build()
            : Headers.builder().add("Content-Type", "application/json").build();
    HttpResponse<String> r = post(path, h, bytes("{\"a\":1}"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
    assertThat(EchoServlet.SEEN).isEmpty();
  }

  @Test
  void theAppsOwnPathsAndTheProbes() {
    HttpResponse<String> r = Http.get(server.port(), "/books?page=2");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("/books null false");
    // a forged event on an event route is not a platform event
    r =
        post(
            "/aws.s3",
            Headers.builder().add("Content-Type", "application/json").build(),
            bytes("{}"));
    assertThat(r.body()).startsWith("/aws.s3 null false");

    HttpResponse<String> mistyped = Http.get(server.port(), "/ingress/pubsubs");
    assertThat(mistyped.statusCode()).isEqualTo(404);
    assertThat(mistyped.body()).contains("/ingress/pubsub, ");
    assertThat(EchoServlet.SEEN)
        .extracting(EchoServlet.Seen::path)
        .containsExactly("/books", "/aws.s3");

    assertThat(Http.get(server.port(), IngressServer.LIVE).statusCode()).isEqualTo(200);
    assertThat(Http.get(server.port(), IngressServer.READY).statusCode()).isEqualTo(200);
    assertThat(server.isReady()).isTrue();
  }

  @Test
  void aBodyOverTheLimitIs413() {
    byte[] big = new byte[Configuration.builder().build().limits().maxBytes() + 1];
    HttpResponse<String> r =
        post(
            "/ingress/cloudevents",
            Headers.builder().add("Content-Type", "application/json").build(),
            big);
    assertThat(r.statusCode()).isEqualTo(413);
  }

  private static Map<String, List<String>> singleValued(Map<String, String> h) {
    java.util.LinkedHashMap<String, List<String>> m = new java.util.LinkedHashMap<>();
    h.forEach((k, v) -> m.put(k, List.of(v)));
    return m;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
