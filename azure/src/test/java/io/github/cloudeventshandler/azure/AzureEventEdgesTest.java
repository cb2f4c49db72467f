package io.github.cloudeventshandler.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 through the real {@link AzureEventHandler}, Azure part: attributes we derive are valid
 * (class 1), events valid by Microsoft's schemas are accepted (class 2), malformed events get a
 * {@link BadEventException} (or, over HTTP, a 400) naming the field's path (class 4).
 */
class AzureEventEdgesTest {
  private final RecordingApp app = RecordingApp.status(200);
  private final LocalAzureContext ctx = LocalAzureContext.create("orders", "inv-orders");
  private final AzureEventHandler trigger =
      new AzureEventHandler(Configuration.builder().build(), app);
  private final AzureEventHandler http =
      new AzureEventHandler(AzureHttpTriggerTest.configuration(), app);

  private AppRequest only() {
    assertThat(app.requests).hasSize(1);
    return app.requests.get(0);
  }

  private static CloudEvent cloudEvent(AppRequest r) {
    return (CloudEvent) r.attributes().get(RequestAttributes.CLOUD_EVENT);
  }

  private LocalAzureHttpResponse webhook(String body) {
    return (LocalAzureHttpResponse)
        http.http(
            AzureHttpTriggerTest.eventGrid(body), LocalAzureContext.create("http", "inv-http"));
  }

  /** Class 1: what we derive from event fields is a valid CloudEvent attribute. */
  @Nested
  class DerivedAttributes {
    /**
     * Service Bus: {@code MessageId} is an application-defined string of up to 128 characters, so a
     * sender can put a line break in it.
     */
    @Test
    void serviceBusMessageIdWithALineBreak() {
      trigger.serviceBus("ping", "order\r\n42", 1, "2026-11-22T10:00:00Z", ctx);
      assertThat(cloudEvent(only()).getId()).isEqualTo("order%0D%0A42");
    }

    /** Event Hubs: a partition key is any string the producer chose. */
    @Test
    void eventHubsPartitionKeyWithAControlCharacter() {
      trigger.eventHubs(
          List.of("a"),
          List.of(Map.of("SequenceNumber", 5L, "PartitionKey", "tenant\u0007a")),
          ctx);
      assertThat(cloudEvent(only()).getSubject()).isEqualTo("tenant%07a");
    }

    /**
     * Event Grid: the subject is a publisher-defined path, and a custom-topic publisher can put a
     * C1 control character in it; the documented samples also carry literal {@code {...}} in
     * topics.
     */
    @Test
    void eventGridSubjectWithAC1ControlAndTopicWithPlaceholders() {
      trigger.eventGrid(
          "{\"id\":\"e1\",\"topic\":\"/subscriptions/{subscription-id}/resourceGroups/rg\","
              + "\"subject\":\"items/a\\u0085b\",\"eventType\":\"Contoso.Items.ItemReceived\","
              + "\"eventTime\":\"2024-01-01T00:00:00Z\",\"data\":{}}",
          ctx);
      CloudEvent ce = cloudEvent(only());
      assertThat(ce.getSubject()).isEqualTo("items/a%C2%85b");
      assertThat(ce.getSource())
          .hasToString("/subscriptions/%7Bsubscription-id%7D/resourceGroups/rg");
    }
  }

  /** Class 2: fields the Event Grid schema marks optional are optional. */
  @Nested
  class ValidBySchema {
    /**
     * Microsoft's Event Grid schema: {@code topic}, {@code dataVersion} and {@code metadataVersion}
     * are not required (Event Grid stamps them on delivery), so events posted by tools and tests
     * lack them; {@code eventTime} is not needed for anything here either.
     */
    @ParameterizedTest
    @ValueSource(strings = {"topic", "dataVersion", "metadataVersion", "eventTime", "all"})
    void eventGridEventWithoutTheFieldsTheServiceStamps(String missing) {
      String event =
          "{\"id\":\"e1\",\"subject\":\"s\",\"eventType\":\"Contoso.Items.ItemReceived\""
              + (missing.equals("topic") || missing.equals("all")
                  ? ""
                  : ",\"topic\":\"/subscriptions/x\"")
              + (missing.equals("eventTime") || missing.equals("all")
                  ? ""
                  : ",\"eventTime\":\"2024-01-01T00:00:00Z\"")
              + (missing.equals("dataVersion") || missing.equals("all")
                  ? ""
                  : ",\"dataVersion\":\"1.0\"")
              + (missing.equals("metadataVersion") || missing.equals("all")
                  ? ""
                  : ",\"metadataVersion\":\"1\"")
              + ",\"data\":{}}";
      assertThat(webhook("[" + event + "]").getStatusCode()).isEqualTo(200);
      trigger.eventGrid(event, ctx);
      assertThat(app.requests).hasSize(2);
      for (AppRequest r : app.requests) {
        assertThat(r.path()).isEqualTo("/contoso.items");
        assertThat(cloudEvent(r).getSource().toString())
            .isEqualTo(
                missing.equals("topic") || missing.equals("all")
                    ? "urn:azure:eventgrid"
                    : "/subscriptions/x");
      }
    }

    /**
     * An Event Grid CloudEvents-schema event written {@code specVersion} is told that the case of
     * the name is wrong.
     */
    @Test
    void cloudEventsSchemaWithCamelCaseSpecVersion() {
      var r =
          webhook("[{\"specVersion\":\"1.0\",\"id\":\"c1\",\"source\":\"/s\",\"type\":\"A.B.C\"}]");
      assertThat(r.getStatusCode()).isEqualTo(400);
      assertThat(r.bodyText())
          .contains("field [0].specVersion is misspelled")
          .contains("write 'specversion'");
      assertThat(app.requests).isEmpty();
    }

    /** The Event Grid schema's {@code eventType} inside a CloudEvent gets the CloudEvents name. */
    @Test
    void cloudEventsSchemaWithEventGridNames() {
      assertThatThrownBy(
              () ->
                  trigger.eventGrid(
                      "{\"specversion\":\"1.0\",\"id\":\"c1\",\"source\":\"/s\","
                          + "\"eventType\":\"A.B.C\"}",
                      ctx))
          .isInstanceOfSatisfying(
              BadEventException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
          .hasMessageContaining("in a CloudEvents 1.0 event it is 'type'");
    }
  }

  /** Class 4: a value of the wrong type is a bad event naming its path. */
  @Nested
  class WrongTypes {
    @Test
    void eventGridIdThatIsANumber() {
      var r =
          webhook(
              "[{\"id\":7,\"topic\":\"/t\",\"subject\":\"s\",\"eventType\":\"A.B.C\","
                  + "\"eventTime\":\"2024-01-01T00:00:00Z\"}]");
      assertThat(r.getStatusCode()).isEqualTo(400);
      assertThat(r.bodyText())
          .contains("azure azure.eventgrid event: field [0].id must be a string but is a number");
    }

    @Test
    void eventGridTopicThatIsAnObject() {
      assertThatThrownBy(
              () -> trigger.eventGrid("{\"id\":\"e1\",\"topic\":{},\"eventType\":\"A.B.C\"}", ctx))
          .isInstanceOf(BadEventException.class)
          .hasMessageContaining("azure azure.eventgrid event e1: field topic must be a string");
    }

    @Test
    void cloudEventsSchemaExtensionThatIsAnArray() {
      var r =
          webhook(
              "[{\"specversion\":\"1.0\",\"id\":\"c1\",\"source\":\"/s\",\"type\":\"A.B.C\","
                  + "\"traceparent\":[]}]");
      assertThat(r.getStatusCode()).isEqualTo(400);
      assertThat(r.bodyText()).contains("field [0].traceparent is an array");
    }

    @Test
    void validationEventWhoseDataIsAString() {
      var r =
          (LocalAzureHttpResponse)
              http.http(
                  LocalAzureHttpRequest.builder("POST", "/api/events")
                      .header("aeg-event-type", "SubscriptionValidation")
                      .header("aeg-subscription-name", "ORDERS-SUB")
                      .body(
                          "[{\"id\":\"v1\",\"eventType\":"
                              + "\"Microsoft.EventGrid.SubscriptionValidationEvent\","
                              + "\"data\":\"code\"}]"),
                  LocalAzureContext.create("http", "inv-http"));
      assertThat(r.getStatusCode()).isEqualTo(400);
      assertThat(r.bodyText()).contains("field [0].data must be an object but is a string");
    }

    @Test
    void cosmosDocumentIdThatIsAnObjectIsNoId() {
      trigger.cosmosDb("[{\"id\":{\"nested\":1},\"n\":1}]", ctx);
      assertThat(only().path()).isEqualTo("/azure.cosmosdb");
    }
  }
}
