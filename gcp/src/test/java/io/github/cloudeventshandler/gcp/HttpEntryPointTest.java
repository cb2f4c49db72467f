package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.PayloadMode;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.testing.platform.LocalGcpContext;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three entry points' replies and the requests the application receives. */
class HttpEntryPointTest {
  private static final Configuration CONFIG =
      Configuration.builder().setting("CEH_PUBSUB_AUTH", "off").build();
  private static final String PUSH =
      "{\"message\":{\"attributes\":{\"k\":\"v\"},\"data\":\"aGVsbG8=\",\"message_id\":\"m-1\","
          + "\"publish_time\":\"2021-02-05T04:06:14.109Z\"},"
          + "\"subscription\":\"projects/p/subscriptions/s\",\"deliveryAttempt\":3}";

  private static LocalGcpHttpResponse serve(RecordingApplication app, LocalGcpHttpRequest req)
      throws Exception {
    return serve(CONFIG, app, req);
  }

  private static LocalGcpHttpResponse serve(
      Configuration config, RecordingApplication app, LocalGcpHttpRequest req) throws Exception {
    LocalGcpHttpResponse r = new LocalGcpHttpResponse();
    new HttpEntryPoint(config, app).service(req, r);
    return r;
  }

  private static LocalGcpHttpRequest push() {
    return LocalGcpHttpRequest.post("/", PUSH.getBytes(UTF_8))
        .header("Content-Type", "application/json");
  }

  @Test
  void wrappedPushThatTheAppHandlesIsAckedWith204() throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    LocalGcpHttpResponse r = serve(app, push());
    assertThat(r.status()).isEqualTo(204);
    AppRequest sent = app.requests().get(0);
    assertThat(sent.path()).isEqualTo("/google.cloud.pubsub");
    assertThat(sent.header("ce-id")).contains("m-1");
    assertThat(sent.header("ce-source"))
        .contains("//pubsub.googleapis.com/projects/p/subscriptions/s");
    assertThat(sent.header("ce-time")).contains("2021-02-05T04:06:14.109Z");
    assertThat(JsonParser.parseString(sent.bodyText())).isEqualTo(JsonParser.parseString(PUSH));
    assertThat(sent.attributes().get(RequestAttributes.ITEM_ID)).isEqualTo("m-1");
  }

  @Test
  void pushFailureIsNeverAcked() throws Exception {
    for (int status : new int[] {300, 400, 404, 500, 503}) {
      LocalGcpHttpResponse r = serve(RecordingApplication.answering(status), push());
      assertThat(r.status()).as("app answered %d", status).isEqualTo(503);
    }
    LocalGcpHttpResponse r = new LocalGcpHttpResponse();
    new HttpEntryPoint(
            CONFIG,
            req -> {
              throw new DispatchException("bridge timed out");
            })
        .service(push(), r);
    assertThat(r.status()).isEqualTo(503);
    // the reason is logged, not sent to whoever posted to the URL
    assertThat(r.bodyText()).doesNotContain("bridge timed out").contains("not handled");
  }

  @Test
  void unwrappedPushPayloadModeGetsTheDecodedData() throws Exception {
    RecordingApplication app = RecordingApplication.answering(202);
    Configuration unwrapped = CONFIG.toBuilder().payload(PayloadMode.UNWRAPPED).build();
    assertThat(serve(unwrapped, app, push()).status()).isEqualTo(204);
    assertThat(app.requests().get(0).bodyText()).isEqualTo("hello");
    assertThat(app.requests().get(0).header("Content-Type")).contains("application/octet-stream");
  }

  @Test
  void noWrapperPushReadsMetadataHeadersAndNeverTakesAuthorizationForAnAttribute()
      throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    LocalGcpHttpRequest req =
        LocalGcpHttpRequest.post("/", "{\"order\":7}".getBytes(UTF_8))
            .header("Content-Type", "application/json")
            .header("x-goog-pubsub-message-id", "m-9")
            .header("x-goog-pubsub-subscription-name", "projects/p/subscriptions/raw")
            .header("x-goog-pubsub-publish-time", "2024-01-02T03:04:05Z")
            .header("x-goog-pubsub-ordering-key", "k1")
            .header("color", "red")
            .header("authorization", "Bearer forged-by-publisher")
            .header("User-Agent", "APIs-Google");
    assertThat(serve(app, req).status()).isEqualTo(204);
    AppRequest sent = app.requests().get(0);
    assertThat(sent.header("ce-id")).contains("m-9");
    assertThat(sent.header("Authorization")).isEmpty();
    JsonObject data = JsonParser.parseString(sent.bodyText()).getAsJsonObject();
    JsonObject message = data.getAsJsonObject("message");
    assertThat(data.get("subscription").getAsString()).isEqualTo("projects/p/subscriptions/raw");
    assertThat(message.get("messageId").getAsString()).isEqualTo("m-9");
    assertThat(message.get("orderingKey").getAsString()).isEqualTo("k1");
    assertThat(new String(Base64.getDecoder().decode(message.get("data").getAsString()), UTF_8))
        .isEqualTo("{\"order\":7}");
    assertThat(message.getAsJsonObject("attributes").keySet()).containsExactly("color");
  }

  @Test
  void plainHttpIsPassedThroughBothWays() throws Exception {
    AppResponse answer =
        new AppResponse(
            201,
            Headers.builder()
                .add("Content-Type", "text/plain")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2")
                .build(),
            "made".getBytes(UTF_8));
    RecordingApplication app = RecordingApplication.answering(List.of(answer));
    LocalGcpHttpRequest req =
        LocalGcpHttpRequest.request("PUT", "/books/42?x=1&y=%20")
            .body("{\"t\":1}")
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer app-token")
            .header("Host", "fn.example");
    LocalGcpHttpResponse r = serve(app, req);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.bodyText()).isEqualTo("made");
    assertThat(r.getContentType()).contains("text/plain");
    assertThat(r.getHeaders().get("Set-Cookie")).containsExactly("a=1", "b=2");
    AppRequest sent = app.requests().get(0);
    assertThat(sent.method()).isEqualTo("PUT");
    assertThat(sent.target()).isEqualTo("/books/42?x=1&y=%20");
    assertThat(sent.header("Authorization")).contains("Bearer app-token");
    assertThat(sent.header("Host")).isEmpty();
    assertThat(sent.bodyText()).isEqualTo("{\"t\":1}");
    assertThat(sent.attributes()).doesNotContainKey(RequestAttributes.PLATFORM_EVENT);
    assertThat(sent.attributes().get(RequestAttributes.PLATFORM_CONTEXT)).isSameAs(req);
  }

  @Test
  void cloudEventOverHttpPassesTheAppStatusBack() throws Exception {
    RecordingApplication app =
        RecordingApplication.answering(List.of(AppResponse.of(500, "text/plain", "db down")));
    LocalGcpHttpRequest req =
        LocalGcpHttpRequest.post("/", "{}".getBytes(UTF_8))
            .header("ce-specversion", "1.0")
            .header("ce-id", "a-1")
            .header("ce-source", "//cloudaudit.googleapis.com/projects/p/logs/activity")
            .header("ce-type", "google.cloud.audit.log.v1.written")
            .header("ce-servicename", "storage.googleapis.com")
            .header("Content-Type", "application/json");
    LocalGcpHttpResponse r = serve(app, req);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("db down");
    assertThat(app.requests().get(0).path()).isEqualTo("/google.cloud.audit");
    assertThat(app.requests().get(0).header("ce-servicename")).contains("storage.googleapis.com");
  }

  @Test
  void aNonGoogleCloudEventTakesTheGenericRoute() throws Exception {
    RecordingApplication app = RecordingApplication.answering(200);
    LocalGcpHttpRequest req =
        LocalGcpHttpRequest.post("/", "{}".getBytes(UTF_8))
            .header("ce-specversion", "1.0")
            .header("ce-id", "x-1")
            .header("ce-source", "https://example.com/orders")
            .header("ce-type", "com.example.order.created")
            .header("Content-Type", "application/json");
    assertThat(serve(app, req).status()).isEqualTo(200);
    assertThat(app.requests().get(0).path()).isEqualTo("/example.com/orders");
  }

  @Test
  void firestoreProtobufDataIsPassedOnByteForByte() throws Exception {
    byte[] protobuf = {0x0a, 0x05, (byte) 0xff, 0x00, '{', 0x12, (byte) 0x80};
    RecordingApplication viaHttp = RecordingApplication.answering(200);
    LocalGcpHttpRequest req =
        LocalGcpHttpRequest.post("/", protobuf)
            .header("ce-specversion", "1.0")
            .header("ce-id", "f-1")
            .header("ce-source", "//firestore.googleapis.com/projects/p/databases/(default)")
            .header("ce-type", "google.cloud.firestore.document.v1.written")
            .header("ce-subject", "documents/users/alice")
            .header(
                "ce-dataschema",
                "https://github.com/googleapis/google-cloudevents/blob/main/proto/google/events/cloud/firestore/v1/data.proto")
            .header("Content-Type", "application/protobuf");
    assertThat(serve(viaHttp, req).status()).isEqualTo(200);
    AppRequest sent = viaHttp.requests().get(0);
    assertThat(sent.body()).isEqualTo(protobuf);
    assertThat(sent.header("Content-Type")).contains("application/protobuf");
    assertThat(sent.path()).isEqualTo("/google.cloud.firestore");

    RecordingApplication viaFunction = RecordingApplication.answering(200);
    new CloudEventsEntryPoint(CONFIG, viaFunction)
        .accept(
            CloudEventBuilder.v1()
                .withId("f-2")
                .withSource(URI.create("//firestore.googleapis.com/projects/p/databases/(default)"))
                .withType("google.cloud.firestore.document.v1.created.withAuthContext")
                .withSubject("documents/users/bob")
                .withExtension("authtype", "service_account")
                .withDataContentType("application/protobuf")
                .withData(protobuf)
                .build());
    assertThat(viaFunction.requests().get(0).body()).isEqualTo(protobuf);
    assertThat(viaFunction.requests().get(0).header("ce-authtype")).contains("service_account");
  }

  @Test
  void functionEntryPointsThrowWhenTheAppDoesNotAnswer2xx() {
    RecordingApplication app = RecordingApplication.answering(503);
    assertThatThrownBy(
            () ->
                new CloudEventsEntryPoint(CONFIG, app)
                    .accept(
                        CloudEventBuilder.v1()
                            .withId("s-1")
                            .withSource(
                                URI.create("//storage.googleapis.com/projects/_/buckets/bkt"))
                            .withType("google.cloud.storage.object.v1.finalized")
                            .withSubject("objects/a.txt")
                            .build()))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("s-1")
        .hasMessageContaining("HTTP 503");
    assertThatThrownBy(
            () ->
                new BackgroundEntryPoint(CONFIG, app)
                    .accept(
                        "{\"bucket\":\"bkt\"}",
                        new LocalGcpContext(
                            "s-2",
                            "2020-01-01T00:00:00Z",
                            "google.storage.object.finalize",
                            "projects/_/buckets/bkt/objects/a.txt#123",
                            null)))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("s-2");
    assertThat(app.requests()).hasSize(2);
    assertThat(app.requests().get(1).header("ce-subject")).contains("objects/a.txt");
  }

  @Test
  void eventsOverHttpAreNotPlatformEventsUnlessVerifiedOrDeclaredTrusted() throws Exception {
    LocalGcpHttpRequest forged =
        LocalGcpHttpRequest.post("/", "{\"bucket\":\"b\",\"name\":\"n\"}".getBytes(UTF_8))
            .header("ce-specversion", "1.0")
            .header("ce-id", "forged-1")
            .header("ce-source", "aws.s3")
            .header("ce-type", "com.amazonaws.s3.ObjectCreated:Put")
            .header("Content-Type", "application/json");
    RecordingApplication open = RecordingApplication.answering(200);
    assertThat(serve(open, forged).status()).isEqualTo(200);
    // a publisher-chosen source never lands in a reserved namespace (issue 10)
    assertThat(open.requests().get(0).path()).isEqualTo("/unverified/aws.s3");
    assertThat(open.requests().get(0).attributes())
        .doesNotContainKey(RequestAttributes.PLATFORM_EVENT);

    // the operator says the platform guards the URL (e.g. Cloud Run with IAM)
    RecordingApplication trusted = RecordingApplication.answering(200);
    serve(CONFIG.toBuilder().setting("CEH_HTTP_EVENTS_TRUSTED", "true").build(), trusted, forged);
    assertThat(trusted.requests().get(0).attributes().get(RequestAttributes.PLATFORM_EVENT))
        .isEqualTo(Boolean.TRUE);

    // a push is a platform event only when its token was verified; here verification is off
    RecordingApplication unverifiedPush = RecordingApplication.answering(200);
    assertThat(serve(unverifiedPush, push()).status()).isEqualTo(204);
    assertThat(unverifiedPush.requests().get(0).attributes())
        .doesNotContainKey(RequestAttributes.PLATFORM_EVENT);
  }
}
