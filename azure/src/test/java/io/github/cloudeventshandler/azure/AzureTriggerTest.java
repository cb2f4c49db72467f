package io.github.cloudeventshandler.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.PayloadMode;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureTriggerTest {
  private final LocalAzureContext ctx = LocalAzureContext.create("orders", "inv-orders");

  private AzureEventHandler handler(RecordingApp app) {
    return new AzureEventHandler(Configuration.builder().build(), app);
  }

  @Test
  void queueMessageBecomesOnePostWithTheContextAndOneLogLine() {
    RecordingApp app = RecordingApp.status(204);
    handler(app).queue("{\"order\":1}", "m-1", 2, "2026-11-22T10:00:00+00:00", ctx);

    assertThat(app.requests).hasSize(1);
    AppRequest r = app.requests.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/azure.storage.queue");
    assertThat(r.header("ce-id")).contains("m-1");
    assertThat(r.header("ce-type")).contains("azure.storage.queue.message");
    assertThat(r.header("ce-source")).contains("urn:azure:functions:orders");
    assertThat(r.header("ce-time")).contains("2026-11-22T10:00:00Z");
    assertThat(r.header("ce-dequeuecount")).contains("2");
    assertThat(r.header("Content-Type")).contains("application/json");
    assertThat(r.bodyText()).isEqualTo("{\"order\":1}");
    assertThat(r.attributes().get(RequestAttributes.PLATFORM_CONTEXT)).isSameAs(ctx);
    assertThat(r.attributes().get(RequestAttributes.PLATFORM_EVENT)).isEqualTo(Boolean.TRUE);
    assertThat(ctx.logLines())
        .singleElement()
        .asString()
        .startsWith("INFO cloud-events-handler azure kind=azure.storage.queue id=m-1")
        .contains("outcome=handled");
  }

  @Test
  void plainTextQueueMessageIsTextPlain() {
    RecordingApp app = RecordingApp.status(200);
    handler(app).queue("hello", "m-2", 1, null, ctx);
    assertThat(app.requests.get(0).header("Content-Type")).contains("text/plain; charset=utf-8");
    assertThat(app.requests.get(0).header("ce-time")).isEmpty();
  }

  @Test
  void queueFailureThrowsSoTheMessageIsRetriedAndLogsAWarning() {
    RecordingApp app = RecordingApp.status(500);
    assertThatThrownBy(() -> handler(app).queue("x", "m-3", 1, null, ctx))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("azure.storage.queue")
        .hasMessageContaining("HTTP 500");
    assertThat(ctx.logLines()).singleElement().asString().startsWith("WARNING").contains("failed");
  }

  @Test
  void queueWithoutIdIsBadInput() {
    RecordingApp app = RecordingApp.status(200);
    assertThatThrownBy(() -> handler(app).queue("x", null, 1, null, ctx))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("Id");
    assertThat(app.requests).isEmpty();
  }

  @Test
  void serviceBusMessage() {
    RecordingApp app = RecordingApp.status(202);
    handler(app).serviceBus("ping", "sb-1", 3, "2026-11-22T10:00:00Z", ctx);
    AppRequest r = app.requests.get(0);
    assertThat(r.path()).isEqualTo("/azure.servicebus");
    assertThat(r.header("ce-id")).contains("sb-1");
    assertThat(r.header("ce-deliverycount")).contains("3");
  }

  @Test
  void eventHubsBatchStopsAtTheFirstFailureAndThrows() {
    RecordingApp app = RecordingApp.status(200, 503, 200);
    List<Map<String, Object>> props =
        List.of(
            Map.of("SequenceNumber", 10L, "PartitionKey", "p"),
            Map.of("SequenceNumber", 11L),
            Map.of("SequenceNumber", 12L));
    assertThatThrownBy(() -> handler(app).eventHubs(List.of("a", "b", "c"), props, ctx))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("2 of 3 records not handled");
    assertThat(app.requests).hasSize(2);
    assertThat(app.requests.get(0).header("ce-id")).contains("10");
    assertThat(app.requests.get(0).header("ce-subject")).contains("p");
    assertThat(app.requests.get(1).header("ce-id")).contains("11");
    assertThat(app.requests.get(1).path()).isEqualTo("/azure.eventhubs");
  }

  @Test
  void eventHubsArraysOfDifferentLengthAreRejected() {
    RecordingApp app = RecordingApp.status(200);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object>[] props = new Map[] {Map.of("SequenceNumber", 1)};
    assertThatThrownBy(() -> handler(app).eventHubs(new String[] {"a", "b"}, props, ctx))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("2 events but 1 SystemPropertiesArray entries");
    assertThat(app.requests).isEmpty();
  }

  @Test
  void blobIsSentAsBytesWithItsName() {
    RecordingApp app = RecordingApp.status(200);
    byte[] content = {0, 1, 2, (byte) 0xFF};
    handler(app).blob(content, "in/a.bin", "https://acct.blob.core.windows.net/in/a.bin", ctx);
    AppRequest r = app.requests.get(0);
    assertThat(r.path()).isEqualTo("/azure.storage.blob");
    assertThat(r.body()).isEqualTo(content);
    assertThat(r.header("Content-Type")).contains("application/octet-stream");
    assertThat(r.header("ce-subject")).contains("in/a.bin");
    assertThat(r.header("ce-id")).contains("inv-orders");
  }

  @Test
  void timerUsesTheInvocationIdAsEventId() {
    RecordingApp app = RecordingApp.status(204);
    handler(app).timer("{\"Schedule\":{},\"IsPastDue\":false}", ctx);
    assertThat(app.requests.get(0).path()).isEqualTo("/azure.timer");
    assertThat(app.requests.get(0).header("ce-id")).contains("inv-orders");
  }

  @Test
  void cosmosDbSendsOneRequestPerDocument() {
    RecordingApp app = RecordingApp.status(200);
    handler(app).cosmosDb("[{\"id\":\"a\",\"v\":1},{\"id\":\"b\"}]", ctx);
    assertThat(app.requests).extracting(AppRequest::path).containsOnly("/azure.cosmosdb");
    assertThat(app.requests)
        .extracting(r -> r.header("ce-id").orElseThrow())
        .containsExactly("a", "b");
    assertThat(app.requests.get(0).bodyText()).isEqualTo("{\"id\":\"a\",\"v\":1}");
  }

  @Test
  void eventGridTriggerRoutesByType() {
    RecordingApp app = RecordingApp.status(200);
    String event =
        "{\"id\":\"e1\",\"topic\":\"/subscriptions/x\",\"subject\":\"s\","
            + "\"eventType\":\"Microsoft.Storage.BlobCreated\","
            + "\"eventTime\":\"2017-08-16T01:57:26.005121Z\",\"data\":{\"a\":1},"
            + "\"dataVersion\":\"\",\"metadataVersion\":\"1\"}";
    handler(app).eventGrid(event, ctx);
    AppRequest r = app.requests.get(0);
    assertThat(r.path()).isEqualTo("/microsoft.storage");
    assertThat(r.header("ce-type")).contains("Microsoft.Storage.BlobCreated");
    assertThat(r.header("ce-source")).contains("/subscriptions/x");
    assertThat(r.bodyText()).isEqualTo(event);
  }

  @Test
  void eventGridUnwrappedPayloadIsTheData() {
    RecordingApp app = RecordingApp.status(200);
    AzureEventHandler h =
        new AzureEventHandler(Configuration.builder().payload(PayloadMode.UNWRAPPED).build(), app);
    h.eventGrid(
        "{\"id\":\"e1\",\"topic\":\"t\",\"eventType\":\"A.B.C\","
            + "\"eventTime\":\"2017-08-16T01:57:26Z\",\"data\":{\"a\":1}}",
        ctx);
    assertThat(app.requests.get(0).path()).isEqualTo("/a.b");
    assertThat(new String(app.requests.get(0).body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}");
  }

  @Test
  void eventGridCloudEventSchemaRoutesByType() {
    RecordingApp app = RecordingApp.status(200);
    handler(app)
        .eventGrid(
            "{\"specversion\":\"1.0\",\"id\":\"c1\",\"source\":\"/x\","
                + "\"type\":\"Contoso.Items.ItemReceived\",\"data\":{\"n\":1}}",
            ctx);
    AppRequest r = app.requests.get(0);
    assertThat(r.path()).isEqualTo("/contoso.items");
    assertThat(r.bodyText()).isEqualTo("{\"n\":1}");
    assertThat(r.header("Content-Type")).contains("application/json");
  }

  @Test
  void withoutApplicationSettingTheFirstInvocationFailsWithAConfigurationError() {
    AzureEventHandler h = new AzureEventHandler(Configuration.builder().build());
    assertThatThrownBy(() -> h.timer("{}", ctx))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CEH_APPLICATION");
    assertThat(ctx.logLines()).singleElement().asString().startsWith("WARNING");
  }
}
