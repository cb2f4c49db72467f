package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.PayloadMode;
import io.github.cloudeventshandler.testing.platform.LocalGcpContext;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.net.URI;
import java.net.URLDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue classes 1 and 2 on GCP: events Google can deliver are never refused for our own formatting
 * (a derived {@code source} is percent-encoded, never rejected) nor for fields Google's schemas
 * make optional, and Cloud Storage object names are data (the same rule as S3 keys). Built from
 * recorded events (functions-framework-conformance legacy Storage/RTDB bodies, google-cloudevents
 * {@code StorageObjectData} and {@code MessagePublishedData}), through the real entry points into a
 * real servlet on the bridge.
 */
class GcpValidEventsAcceptedTest {
  private static final Configuration OFF =
      Configuration.builder().setting("CEH_PUBSUB_AUTH", "off").build();
  private static final Configuration TRUSTED =
      Configuration.builder().setting("CEH_HTTP_EVENTS_TRUSTED", "true").build();

  @BeforeEach
  void reset() {
    BridgedApp.reset();
  }

  private static String source(BridgedApp.Seen s) {
    return URLDecoder.decode(s.header("ce-source").replace("+", "%2B"), UTF_8);
  }

  // ---- class 1: the source we derive from a Pub/Sub subscription name ----

  /**
   * Pub/Sub subscription ids may hold {@code - _ . ~ + %} (so {@code a..b} and {@code 100%} are
   * real names); a push body names the subscription, and the fuzzer sent {@code \u0085}.
   */
  @ParameterizedTest(name = "subscription {0}")
  @ValueSource(
      strings = {
        "\u0085",
        "projects/p/subscriptions/a..b",
        "projects/p/subscriptions/100%",
        "projects/p/subscriptions/my sub",
        "projects/p/subscriptions/a<b>{c}|d^e`f\\g",
        "projects/p/subscriptions/q?x=1#frag",
        "projects/p/subscriptions/caf\u00e9",
        "projects/p/subscriptions/a\tb"
      })
  void aPushIsDeliveredWhateverItsSubscriptionIsSpelled(String subscription) throws Exception {
    JsonObject body = new JsonObject();
    JsonObject message = new JsonObject();
    message.addProperty("data", "aGk=");
    message.addProperty("messageId", "m-1");
    body.add("message", message);
    body.addProperty("subscription", subscription);
    LocalGcpHttpResponse res = new LocalGcpHttpResponse();
    new HttpEntryPoint(OFF, BridgedApp.app())
        .service(
            LocalGcpHttpRequest.post("/", body.toString().getBytes(UTF_8))
                .header("Content-Type", "application/json"),
            res);
    assertThat(res.status()).as(res.bodyText()).isEqualTo(204);
    BridgedApp.Seen seen = BridgedApp.SEEN.get(0);
    assertThat(seen.path()).isEqualTo("/google.cloud.pubsub");
    String src = source(seen);
    assertThat(URI.create(src)).isNotNull(); // a valid URI-reference
    assertThat(URLDecoder.decode(src.replace("+", "%2B"), UTF_8))
        .isEqualTo("//pubsub.googleapis.com/" + subscription);
    assertThat(
            JsonParser.parseString(seen.body()).getAsJsonObject().get("subscription").getAsString())
        .isEqualTo(subscription);
  }

  @ParameterizedTest(name = "unwrapped, subscription {0}")
  @ValueSource(strings = {"projects/p/subscriptions/a..b", "projects/p/subscriptions/my%20sub"})
  void anUnwrappedPushIsDeliveredWhateverItsSubscriptionIsSpelled(String subscription)
      throws Exception {
    LocalGcpHttpResponse res = new LocalGcpHttpResponse();
    new HttpEntryPoint(OFF, BridgedApp.app())
        .service(
            LocalGcpHttpRequest.post("/", "raw".getBytes(UTF_8))
                .header("x-goog-pubsub-message-id", "m-2")
                .header("x-goog-pubsub-subscription-name", subscription),
            res);
    assertThat(res.status()).as(res.bodyText()).isEqualTo(204);
    assertThat(URI.create(source(BridgedApp.SEEN.get(0)))).isNotNull();
  }

  /**
   * Legacy resource names become {@code //<service>/<name>}; odd names are encoded, not refused.
   */
  @ParameterizedTest(name = "legacy topic {0}")
  @ValueSource(
      strings = {
        "projects/p/topics/my topic",
        "projects/p/topics/t<1>%",
        "projects/p/topics/\u00e9"
      })
  void aLegacyEventIsDeliveredWhateverItsResourceIsSpelled(String topic) {
    new BackgroundEntryPoint(OFF, BridgedApp.app())
        .accept(
            "{\"data\":\"aGk=\",\"attributes\":{\"k\":\"v\"}}",
            new LocalGcpContext(
                "e-1", "2020-09-29T11:32:00.123Z", "google.pubsub.topic.publish", topic, null));
    BridgedApp.Seen seen = BridgedApp.SEEN.get(0);
    assertThat(URI.create(source(seen))).isNotNull();
    assertThat(URLDecoder.decode(source(seen), UTF_8))
        .isEqualTo("//pubsub.googleapis.com/" + topic);
  }

  // ---- class 2 and class 8: Cloud Storage object names are data ----

  /**
   * Cloud Storage allows any Unicode name of 1 to 1024 bytes but CR and LF, {@code .} and {@code
   * ..}; so {@code a/../b}, {@code ./x}, {@code %2F}, {@code #}, {@code ?}, a TAB or U+0085 are all
   * real names. Each is delivered with its name in {@code ce-subject} (percent-encoded on the wire,
   * as the CloudEvents HTTP binding writes every header) and in the data, through all three entry
   * points.
   */
  @ParameterizedTest(name = "object {0}")
  @ValueSource(
      strings = {
        "a/../../etc/passwd",
        "./hidden",
        "a/./b",
        "..x",
        "100%2F done",
        "q?x#y",
        "tab\there",
        "nel\u0085here",
        "\u00e9t\u00e9/\ud83d\ude00.txt"
      })
  void everyObjectNameIsDelivered(String name) throws Exception {
    JsonObject data =
        JsonParser.parseString(
                ConformanceCorpus.get("gcp/storage/storage-legacy-input").inputText())
            .getAsJsonObject()
            .getAsJsonObject("data");
    data.addProperty("name", name);
    // the legacy event, as Cloud Functions gen1 delivers it
    new BackgroundEntryPoint(OFF, BridgedApp.app())
        .accept(
            data.toString(),
            new LocalGcpContext(
                "e-2",
                "2020-09-29T11:32:00.123Z",
                "google.storage.object.finalize",
                "{\"service\":\"storage.googleapis.com\",\"name\":\"projects/_/buckets/some-bucket/objects/"
                    + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t")
                    + "\",\"type\":\"storage#object\"}",
                null));
    // the same event from Eventarc (the Functions Framework parsed it)
    new CloudEventsEntryPoint(OFF, BridgedApp.app())
        .accept(
            CloudEventBuilder.v1()
                .withId("e-3")
                .withSource(URI.create("//storage.googleapis.com/projects/_/buckets/some-bucket"))
                .withType("google.cloud.storage.object.v1.finalized")
                .withSubject("objects/" + name)
                .withDataContentType("application/json")
                .withData(data.toString().getBytes(UTF_8))
                .build());
    // and posted in binary mode to a guarded HTTP endpoint
    LocalGcpHttpResponse res = new LocalGcpHttpResponse();
    new HttpEntryPoint(TRUSTED, BridgedApp.app())
        .service(
            LocalGcpHttpRequest.post("/", data.toString().getBytes(UTF_8))
                .header("Content-Type", "application/json")
                .header("ce-specversion", "1.0")
                .header("ce-id", "e-4")
                .header("ce-source", "//storage.googleapis.com/projects/_/buckets/some-bucket")
                .header("ce-type", "google.cloud.storage.object.v1.finalized")
                .header(
                    "ce-subject",
                    io.github.cloudeventshandler.core.spi.CloudEventHeaders.encode(
                        "objects/" + name)),
            res);
    assertThat(res.status()).as(res.bodyText()).isEqualTo(200);
    assertThat(BridgedApp.SEEN).hasSize(3);
    for (BridgedApp.Seen s : BridgedApp.SEEN) {
      assertThat(s.path()).isEqualTo("/google.cloud.storage");
      assertThat(URLDecoder.decode(s.header("ce-subject").replace("+", "%2B"), UTF_8))
          .isEqualTo("objects/" + name);
      assertThat(JsonParser.parseString(s.body()).getAsJsonObject().get("name").getAsString())
          .isEqualTo(name);
    }
  }

  // ---- class 2: fields the schemas make optional ----

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "google.cloud.storage.object.v1.finalized",
        "google.cloud.firestore.document.v1.written",
        "google.firebase.database.ref.v1.written"
      })
  void aCloudEventWithoutSubjectIsDelivered(String type) {
    // the Functions Framework gives no subject when a legacy resource does not match its pattern
    new CloudEventsEntryPoint(OFF, BridgedApp.app())
        .accept(
            CloudEventBuilder.v1()
                .withId("e-5")
                .withSource(URI.create("//example.googleapis.com/projects/p"))
                .withType(type)
                .withDataContentType("application/json")
                .withData("{}".getBytes(UTF_8))
                .build());
    assertThat(BridgedApp.SEEN)
        .singleElement()
        .satisfies(s -> assertThat(s.header("ce-subject")).isNull());
  }

  @ParameterizedTest(name = "legacy resource {0}")
  @ValueSource(
      strings = {
        "projects/_/instances/my-project-id/refs", // the database root: no refs/<path>
        "projects/_/buckets/a..b/objects/f", // a bucket the old check refused
        "projects/_/buckets/some-bucket" // no object: source only, as the Functions Framework does
      })
  void legacyEventsWhoseResourceHasNoSubjectAreDelivered(String resource) {
    String type =
        resource.contains("/instances/")
            ? "providers/google.firebase.database/eventTypes/ref.write"
            : "google.storage.object.finalize";
    new BackgroundEntryPoint(OFF, BridgedApp.app())
        .accept(
            "{\"delta\":1}",
            new LocalGcpContext("e-6", "2020-09-29T11:32:00.123Z", type, resource, null));
    assertThat(BridgedApp.SEEN).hasSize(1);
  }

  /** {@code MessagePublishedData}: every field optional in Google's JSON schema. */
  @ParameterizedTest(name = "data {0}")
  @ValueSource(
      strings = {
        "",
        "{}",
        "{\"subscription\":\"projects/p/subscriptions/s\"}",
        "{\"message\":{}}",
        "{\"message\":{\"attributes\":{\"k\":\"v\"}}}",
        "{\"message\":{\"data\":null,\"messageId\":null}}"
      })
  void aPubSubCloudEventWithOptionalFieldsLeftOutIsDelivered(String data) {
    CloudEventBuilder b =
        CloudEventBuilder.v1()
            .withId("e-7")
            .withSource(URI.create("//pubsub.googleapis.com/projects/p/topics/t"))
            .withType("google.cloud.pubsub.topic.v1.messagePublished");
    if (!data.isEmpty()) {
      b.withDataContentType("application/json").withData(data.getBytes(UTF_8));
    }
    Configuration unwrapped = OFF.toBuilder().payload(PayloadMode.UNWRAPPED).build();
    new CloudEventsEntryPoint(unwrapped, BridgedApp.app()).accept(b.build());
    assertThat(BridgedApp.SEEN).singleElement().satisfies(s -> assertThat(s.body()).isEmpty());
  }
}
