package io.github.cloudeventshandler.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.DispatchException;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every Azure builder, given the values of a recorded (or documentation-derived) case of the
 * corpus, reaches the application through the real {@code AzureEventHandler} — its trigger methods
 * or its HTTP trigger — as that case does.
 */
class AzureEventBuildersTest {
  @RegisterExtension static final LocalCloud cloud = LocalCloud.of(EchoServlet.class);

  private static final String TOPIC =
      "/subscriptions/319a9601-1ec0-0000-aebc-8fe82724c81e/resourceGroups/testrg/providers/"
          + "Microsoft.Storage/storageAccounts/myaccount";

  private static EventGridEvents.EventGridEvent recordedBlobCreated() {
    return EventGridEvents.blobCreated("myaccount", "testcontainer", "file1.txt")
        .topic(TOPIC)
        .id("602a88ef-0001-00e6-1233-1646070610ea")
        .time(Instant.parse("2017-08-16T01:57:26.005121Z"));
  }

  @Test
  void eventGridSchemaThroughTheTriggerAndTheWebhook() {
    PlatformReply trigger = cloud.azure().send(recordedBlobCreated());
    Recorded.assertDeliveredAsRecorded(trigger, "azure/eventgrid/storage-blob-created");
    assertThat(trigger.entryPoint()).isEqualTo(PlatformReply.EntryPoint.AZURE_TRIGGER);

    PlatformReply webhook = cloud.azure().send(recordedBlobCreated().webhook());
    Recorded.assertDeliveredAsRecorded(webhook, "azure/eventgrid/storage-blob-created");
    assertThat(webhook).succeeded().hasStatus(200);
  }

  @Test
  void eventGridFailuresAreRetried() {
    EventGridEvents.EventGridEvent failing =
        EventGridEvents.event("Contoso.Orders.Placed", "/orders/7", "{\"state\":\"FAIL\"}");
    assertThat(cloud.azure().send(failing)).threw(DispatchException.class);
    assertThat(
            cloud
                .azure()
                .send(
                    EventGridEvents.webhook(
                        EventGridEvents.event("Contoso.Orders.Placed", "/orders/6", "{}"),
                        failing)))
        .hasStatus(503)
        .routedTo("/contoso.orders", "/contoso.orders");
  }

  @Test
  void cloudEventSchemaWebhook() {
    EventGridEvents.EventGridEvent e =
        EventGridEvents.event("Contoso.Items.ItemReceived", "", "{}")
            .topic("contoso/items")
            .id("2d1781af-3a4c-4d7c-bd0c-e34b19da4e66")
            .time(Instant.parse("2018-01-25T22:12:19.4556811Z"))
            .cloudEventSchema()
            .binaryData(Base64.getDecoder().decode("samplebinarydata"))
            .extension("foo", "bar");
    assertThat(e.toJson()).contains("\"time\":\"2018-01-25T22:12:19.4556811Z\"");
    PlatformReply reply = cloud.azure().send(e.webhook());
    Recorded.assertDeliveredAsRecorded(
        reply, "azure/eventgrid-cloudevents/cloud-event-binary-data");
    assertThat(reply).hasStatus(200);
  }

  @Test
  void serviceBus() {
    ServiceBusEvents.ServiceBusMessage m =
        ServiceBusEvents.message("{\"invoice\":\"INV-7\"}")
            .messageId("sb-0001")
            .deliveryCount(1)
            .enqueuedAt(Instant.parse("2026-11-22T10:20:00Z"));
    Recorded.assertDeliveredAsRecorded(cloud.azure().send(m), "azure/servicebus/queue-message");
    assertThat(cloud.azure().send(ServiceBusEvents.message("FAIL")))
        .failed()
        .threw(DispatchException.class);
  }

  @Test
  void eventHubs() {
    EventHubsEvents.EventHubsBatch batch =
        EventHubsEvents.batch(
            event("{\"t\":21.5}", 100, "4294967296", "2026-11-22T10:30:00Z"),
            event("{\"t\":21.7}", 101, "4294967400", "2026-11-22T10:30:01Z"),
            event("{\"t\":21.9}", 102, "4294967500", "2026-11-22T10:30:02Z"));
    Recorded.assertDeliveredAsRecorded(cloud.azure().send(batch), "azure/eventhubs/three-events");
  }

  private static EventHubsEvents.EventHubsEvent event(
      String body, long sequence, String offset, String time) {
    return EventHubsEvents.event(body)
        .sequenceNumber(sequence)
        .offset(offset)
        .partitionKey("dev-1")
        .enqueuedAt(Instant.parse(time));
  }

  @Test
  void webPubSubConnectSignedWithTheConfiguredKey() {
    WebPubSubEvents.WebPubSubRequest connect =
        WebPubSubEvents.connect("chat", "conn-connect-1")
            .userId("alice")
            .id("1")
            .time(Instant.parse("2026-11-22T10:40:00Z"));
    PlatformReply reply = cloud.azure().send(connect);
    Recorded.assertDeliveredAsRecorded(reply, "azure/webpubsub/connect");
    assertThat(reply).hasStatus(200).body().isEqualTo("{\"userId\":\"alice\"}");
    // the documented example: HMAC-SHA256 of the connection id under the key, hex
    assertThat(WebPubSubEvents.signature("azure-key-two", "conn-connect-1"))
        .isEqualTo("sha256=2046a2a22561ec8cafa33df18285a6f20b96a44fb0d02cae7c023bd587e9de09");
  }

  @Test
  void webPubSubSignedWithAnotherKeyIsRefused() {
    assertThat(cloud.azure().send(WebPubSubEvents.message("chat", "c-1", "hi").signedWith("wrong")))
        .hasStatus(401)
        .reachedNoApplication();
    assertThat(cloud.azure().send(WebPubSubEvents.message("chat", "c-1", "hi").signedWith()))
        .hasStatus(401);
    PlatformReply ok = cloud.azure().send(WebPubSubEvents.message("chat", "c-1", "hi"));
    assertThat(ok).succeeded().routedTo("/azure.webpubsub");
    assertThat(Recorded.ceAttributes(ok.requests().get(0)))
        .containsEntry("type", "azure.webpubsub.user.message")
        .containsEntry("eventname", "message");
  }
}
