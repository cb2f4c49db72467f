package io.github.cloudeventshandler.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.conformance.RecordingServlet;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.servlet.ServletApplication;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, classes 3 and 5, through {@link AzureEventHandler} (Event Grid trigger and HTTP
 * trigger) into a real servlet on the real bridge. Topic shapes come from Microsoft's Event Grid
 * source pages (storage accounts, custom topics, domains); event sizes up to 1 MB are what Event
 * Grid accepts, so a 70 KB id is a legal event.
 */
class EventValuesThroughJettyTest {
  private static final String RG = "/subscriptions/0000/resourceGroups/rg/providers/";
  private static final Configuration CONFIG = Configuration.builder().build();
  private static ServletApplication app;
  private final LocalAzureContext ctx = LocalAzureContext.create("events", "inv-events");

  @BeforeAll
  static void start() {
    app = ServletApplication.start(RecordingServlet.class, CONFIG);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    RecordingServlet.reset(List.of(200));
  }

  private static String event(String id, String topic, String type) {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.addProperty("topic", topic);
    o.addProperty("subject", "/blobServices/default/containers/books/blobs/a.pdf");
    o.addProperty("eventType", type);
    o.addProperty("eventTime", "2024-01-01T00:00:00Z");
    o.add("data", new JsonObject());
    o.addProperty("dataVersion", "1");
    o.addProperty("metadataVersion", "1");
    return o.toString();
  }

  private RecordingServlet.Seen trigger(String event) {
    new AzureEventHandler(CONFIG, app).eventGrid(event, ctx);
    assertThat(RecordingServlet.seen()).hasSize(1);
    return RecordingServlet.seen().get(0);
  }

  @ParameterizedTest(name = "[{index}] {1} from {0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a system event keeps its service route
        RG
            + "Microsoft.Storage/storageAccounts/acct | Microsoft.Storage.BlobCreated"
            + " | /microsoft.storage | /microsoft.storage",
        // issue 10: a custom topic publishing a system type
        RG
            + "Microsoft.EventGrid/topics/orders | Microsoft.Storage.BlobCreated"
            + " | /unverified/microsoft.storage | /unverified/microsoft.storage",
        RG
            + "Microsoft.EventGrid/domains/d/topics/t | Microsoft.Storage.BlobDeleted"
            + " | /unverified/microsoft.storage | /unverified/microsoft.storage",
        // issue 10: a Kelvin sign is not a K
        RG
            + "Microsoft.EventGrid/topics/orders | Aws.\u212Ainesis.X"
            + " | /unverified/aws.%E2%84%AAinesis | /unverified/aws.\u212Ainesis",
        // issue 10: a type no path could carry as it is
        RG + "Microsoft.EventGrid/topics/orders | x%2Fy | /x_2fy | /x_2fy",
        RG
            + "Microsoft.EventGrid/topics/orders | Contoso.Items;v=2.Created"
            + " | /contoso.items%3Bv=2 | /contoso.items;v=2"
      })
  void eventGridRoutesAreAcceptedAndReservedForSystemEvents(
      String topic, String type, String path, String servletPath) {
    RecordingServlet.Seen seen = trigger(event("e-1", topic, type));
    assertThat(seen.request().path()).isEqualTo(path);
    assertThat(seen.servletPath()).isEqualTo(servletPath);
    assertThat(seen.kind()).isEqualTo("azure.eventgrid");
  }

  @Test
  void theCloudEventsSchemaIsCheckedAgainstItsSource() {
    String custom =
        "{\"specversion\":\"1.0\",\"id\":\"c1\",\"source\":\"/orders\","
            + "\"type\":\"Microsoft.Storage.BlobCreated\",\"data\":{}}";
    assertThat(trigger(custom).request().path()).isEqualTo("/unverified/microsoft.storage");
    reset();
    String system =
        "{\"specversion\":\"1.0\",\"id\":\"c2\",\"source\":\""
            + RG
            + "Microsoft.Storage/storageAccounts/acct\",\"type\":\"Microsoft.Storage.BlobCreated\","
            + "\"data\":{}}";
    assertThat(trigger(system).request().path()).isEqualTo("/microsoft.storage");
  }

  @Test
  void aSeventyKilobyteIdReachesTheAppWhole() {
    String id = "z".repeat(70 * 1024);
    RecordingServlet.Seen seen =
        trigger(event(id, RG + "Microsoft.Storage/storageAccounts/a", "Microsoft.Storage.X"));
    assertThat(seen.request().header("ce-id").orElseThrow())
        .hasSize(CloudEventHeaders.MAX_VALUE)
        .matches("z+~[0-9a-f]{16}");
    assertThat(seen.request().header(CloudEventHeaders.TRUNCATED)).contains("ce-id");
    assertThat(seen.cloudEvent().getId()).isEqualTo(id);
  }

  @Test
  void aWebhookDeliveryFromACustomTopicIsNotAStorageEvent() {
    LocalAzureHttpRequest<Optional<String>> delivery =
        LocalAzureHttpRequest.builder("POST", "/api/events")
            .header("aeg-event-type", "Notification")
            .header("Content-Type", "application/json")
            .body(
                "["
                    + event(
                        "w-1", RG + "Microsoft.EventGrid/topics/t", "Microsoft.Storage.BlobCreated")
                    + "]");
    var r = (LocalAzureHttpResponse) new AzureEventHandler(CONFIG, app).http(delivery, ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(RecordingServlet.seen().get(0).request().path())
        .isEqualTo("/unverified/microsoft.storage");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/a%2Fb | | %2F",
        "/api/100%25 | | %25",
        "/api/%2e%2e/x | | ambiguous dot segment",
        "/api/x | exa mple.net | Host",
        "/api/x | example.net:99999 | Host"
      })
  void anHttpRequestJettyWouldRefuseIsAnswered400SayingWhy(String path, String host, String why) {
    LocalAzureHttpRequest.Builder b = LocalAzureHttpRequest.builder("GET", path);
    if (host != null) {
      b.header("Host", host);
    }
    var r = (LocalAzureHttpResponse) new AzureEventHandler(CONFIG, app).http(b.noBody(), ctx);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.bodyText()).contains(why);
    assertThat(RecordingServlet.seen()).isEmpty();
  }
}
