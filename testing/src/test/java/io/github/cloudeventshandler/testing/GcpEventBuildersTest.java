package io.github.cloudeventshandler.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.PushTokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every GCP builder, given the values of a recorded event, reaches the application through the real
 * entry points ({@code CloudEventsEntryPoint}, {@code BackgroundEntryPoint}, {@code HttpEntryPoint}
 * with push authentication against the kit's loopback key set) as that recorded event does.
 */
class GcpEventBuildersTest {
  @RegisterExtension static final LocalCloud cloud = LocalCloud.of(EchoServlet.class);

  @Test
  void storageFinalizedCloudEvent() {
    CloudStorageEvents.CloudStorageEvent e =
        CloudStorageEvents.finalized("sample-bucket", "MyFile")
            .id("1234567")
            .time(Instant.parse("2021-11-25T21:04:32.279744Z"));
    Recorded.assertDeliveredAsRecorded(
        cloud.gcp().send(e), "gcp/storage/structured-storage-object-workflows");
    assertThat(e.toCloudEvent().getExtension("bucket")).isEqualTo("sample-bucket");
  }

  @Test
  void storageLegacyEvent() {
    CloudStorageEvents.CloudStorageEvent e =
        CloudStorageEvents.finalized("some-bucket", "folder/Test.cs")
            .id("aaaaaa-1111-bbbb-2222-cccccccccccc")
            .time(Instant.parse("2020-09-29T11:32:00.123Z"))
            .legacy();
    PlatformReply reply = cloud.gcp().send(e);
    Recorded.assertDeliveredAsRecorded(reply, "gcp/storage/storage-legacy-input");
    assertThat(reply.entryPoint()).isEqualTo(PlatformReply.EntryPoint.GCP_BACKGROUND);
    JsonObject legacy =
        JsonParser.parseString(new String(e.toLegacyEvent(), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertThat(legacy.getAsJsonObject("context").get("eventType").getAsString())
        .isEqualTo("google.storage.object.finalize");
  }

  @Test
  void storageDeletedInBothShapes() {
    CloudStorageEvents.CloudStorageEvent deleted =
        CloudStorageEvents.deleted("my-bucket", "a/b c.txt");
    for (PlatformReply reply :
        new PlatformReply[] {cloud.gcp().send(deleted), cloud.gcp().send(deleted.legacy())}) {
      assertThat(reply).succeeded().routedTo("/google.cloud.storage");
      assertThat(Recorded.ceAttributes(reply.requests().get(0)))
          .containsEntry("type", "google.cloud.storage.object.v1.deleted")
          .containsEntry("source", "//storage.googleapis.com/projects/_/buckets/my-bucket")
          .containsEntry("subject", "objects/a/b c.txt")
          .containsEntry("id", deleted.toCloudEvent().getId());
    }
  }

  @Test
  void aFailingAppMakesTheCloudEventEntryPointThrow() {
    PlatformReply reply =
        cloud.gcp().send(CloudStorageEvents.finalized("my-bucket", "o").dataField("note", "FAIL"));
    assertThat(reply).failed().threw(DispatchException.class);
    assertThat(reply).thrownException().hasMessageContaining("500");
  }

  @Test
  void pubSubPushWithTheKitsToken() {
    PubSubEvents.PubSubPush push =
        PubSubEvents.push("test message 3")
            .messageId("message-id")
            .publishTime(Instant.parse("2021-02-05T04:06:14.109Z"))
            .subscription("projects/test-project/subscriptions/my-subscription")
            .attribute("attr1", "attr1-value")
            .orderingKey("ordering-key");
    PlatformReply reply = cloud.gcp().send(push);
    Recorded.assertDeliveredAsRecorded(reply, "gcp/pubsub/push-wrapped-message-published-complex");
    assertThat(reply).succeeded().hasStatus(204);
    LocalGcpHttpRequest request =
        push.toHttpRequest(PushTokenIssuer.AUDIENCE, PushTokenIssuer.SERVICE_ACCOUNT);
    assertThat(request.getFirstHeader("Authorization"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer ey"));
  }

  @Test
  void pubSubPushesWithoutAGenuineTokenNeverReachTheApp() {
    assertThat(cloud.gcp().send(PubSubEvents.push("x").unauthenticated()))
        .hasStatus(401)
        .failed()
        .reachedNoApplication();
    String forged =
        PushTokenIssuer.create("k1")
            .token(PushTokenIssuer.AUDIENCE, PushTokenIssuer.SERVICE_ACCOUNT);
    assertThat(cloud.gcp().send(PubSubEvents.push("x").bearerToken(forged)))
        .hasStatus(401)
        .reachedNoApplication();
    String otherAudience =
        PushTokenIssuer.shared()
            .token("https://elsewhere.example", PushTokenIssuer.SERVICE_ACCOUNT);
    assertThat(cloud.gcp().send(PubSubEvents.push("x").bearerToken(otherAudience)))
        .hasStatus(403)
        .reachedNoApplication();
  }

  @Test
  void aPushTheAppFailsIsNacked() {
    assertThat(cloud.gcp().send(PubSubEvents.push("x").attribute("state", "FAIL")))
        .hasStatus(503)
        .failed()
        .routedTo("/google.cloud.pubsub");
  }
}
