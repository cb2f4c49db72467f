package io.github.cloudeventshandler.azure;

import static io.github.cloudeventshandler.azure.AzureHttpTriggerTest.KEY1;
import static io.github.cloudeventshandler.azure.AzureHttpTriggerTest.VALIDATION;
import static io.github.cloudeventshandler.azure.AzureHttpTriggerTest.event;
import static io.github.cloudeventshandler.azure.AzureHttpTriggerTest.eventGrid;
import static io.github.cloudeventshandler.azure.AzureHttpTriggerTest.webPubSubHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.azure.internal.WebPubSubSignature;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Azure-specific bad input through the real entry point: each row gives the exact status, a part of
 * the message, and checks that nothing reached the application.
 */
class AzureBadInputTest {
  private static final String GOOD = WebPubSubSignature.sign(KEY1, "c1");

  record Row(
      String name,
      LocalAzureHttpRequest<Optional<String>> request,
      int status,
      String messageContains) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "signature absent", wps(h -> h.remove("ce-signature")), 401, "ce-signature is missing"),
        new Row(
            "signature wrong",
            wps(h -> h.put("ce-signature", "sha256=" + "0".repeat(64))),
            401,
            "matches none of the configured access keys"),
        new Row(
            "signature made with another key",
            wps(h -> h.put("ce-signature", WebPubSubSignature.sign("not-our-key", "c1"))),
            401,
            "matches none of the configured access keys"),
        new Row(
            "signature truncated hex",
            wps(h -> h.put("ce-signature", GOOD.substring(0, GOOD.length() - 2))),
            401,
            "not sha256=<64 hex digits>"),
        new Row(
            "signature with extra hex digits",
            wps(h -> h.put("ce-signature", GOOD + "00")),
            401,
            "not sha256=<64 hex digits>"),
        new Row(
            "signature with an extra malformed value",
            wps(h -> h.put("ce-signature", GOOD + ",sha256=zz")),
            401,
            "not sha256=<64 hex digits>"),
        new Row(
            "signature with too many values",
            wps(
                h ->
                    h.put(
                        "ce-signature", String.join(",", java.util.Collections.nCopies(9, GOOD)))),
            401,
            "at most 8"),
        new Row(
            "signature of another connection",
            wps(h -> h.put("ce-signature", WebPubSubSignature.sign(KEY1, "c2"))),
            401,
            "matches none"),
        new Row(
            "missing ce-connectionId",
            wps(h -> h.remove("ce-connectionId")),
            400,
            "ce-connectionId is missing"),
        new Row(
            "unknown azure.webpubsub type",
            wps(h -> h.put("ce-type", "azure.webpubsub.sys.reboot")),
            400,
            "'azure.webpubsub.sys.reboot' is not a Web PubSub event type"),
        new Row(
            "user event without a name",
            wps(h -> h.put("ce-type", "azure.webpubsub.user.")),
            400,
            "is not a Web PubSub event type"),
        new Row(
            "web pubsub ce-type with a control character, percent-encoded (fuzzing F13)",
            wps(h -> h.put("ce-type", "azure.webpubsub.user.message%09")),
            400,
            "has control character U+0009 once decoded"),
        new Row(
            "web pubsub ce-type with a raw tab inside (fuzzing F13)",
            wps(h -> h.put("ce-type", "azure.webpubsub.user.mes\tsage")),
            400,
            "has control character U+0009 once decoded"),
        new Row(
            "web pubsub ce-id with a bad percent-escape",
            wps(h -> h.put("ce-id", "1%G0")),
            400,
            "header ce-id '1%G0' has invalid percent-encoding at offset 1"),
        new Row(
            "web pubsub ce-source that is not UTF-8",
            wps(h -> h.put("ce-source", "/hubs/chat/%C0%A0")),
            400,
            "has percent-encoded bytes that are not valid UTF-8"),
        new Row(
            "web pubsub with ce-datacontenttype",
            wps(h -> h.put("ce-datacontenttype", "text/plain")),
            400,
            "must not carry ce-datacontenttype"),
        new Row(
            "validation for a subscription not allowed",
            LocalAzureHttpRequest.builder("POST", "/api/events")
                .header("aeg-event-type", "SubscriptionValidation")
                .header("aeg-subscription-name", "STRANGER")
                .body(VALIDATION),
            403,
            "subscription 'STRANGER' is not in CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS"),
        new Row(
            "validation without aeg-subscription-name",
            LocalAzureHttpRequest.builder("POST", "/api/events")
                .header("aeg-event-type", "SubscriptionValidation")
                .body(VALIDATION),
            400,
            "aeg-subscription-name is missing"),
        new Row(
            "validation body of another event type",
            LocalAzureHttpRequest.builder("POST", "/api/events")
                .header("aeg-event-type", "SubscriptionValidation")
                .header("aeg-subscription-name", "audit")
                .body("[" + event("v1", "Microsoft.Storage.BlobCreated") + "]"),
            400,
            "field [0].eventType is 'Microsoft.Storage.BlobCreated', not Microsoft.EventGrid.SubscriptionValidationEvent"),
        new Row(
            "event grid array mixing a valid and a malformed event",
            eventGrid(
                "["
                    + event("ok1", "Microsoft.Storage.BlobCreated")
                    + ",{\"id\":\"bad2\",\"topic\":\"t\"}]"),
            400,
            "azure azure.eventgrid event bad2: field [1] has neither 'eventType'"),
        new Row(
            "event grid event with a bad eventTime",
            eventGrid(
                "["
                    + event("ok1", "A.B.C")
                    + ","
                    + event("bad3", "A.B.C").replace("2017-08-16T01:57:26.005121Z", "yesterday")
                    + "]"),
            400,
            "azure azure.eventgrid event bad3: field [1].eventTime is not a time stamp"),
        new Row("event grid malformed JSON", eventGrid("[{\"id\":"), 400, "JSON ends too early"),
        new Row(
            "event grid duplicate key",
            eventGrid("[{\"id\":\"a\",\"id\":\"b\"}]"),
            400,
            "duplicate key \"id\""),
        new Row(
            "event grid empty array",
            eventGrid("[]"),
            400,
            "is an empty array; there is no event to deliver"),
        new Row(
            "event grid mixed schemas",
            eventGrid(
                "["
                    + event("e1", "A.B.C")
                    + ",{\"specversion\":\"1.0\",\"id\":\"c\",\"source\":\"s\",\"type\":\"A.B\"}]"),
            400,
            "mixes the Event Grid and CloudEvents schemas"),
        new Row(
            "cloudevents schema with data and data_base64",
            eventGrid(
                "[{\"specversion\":\"1.0\",\"id\":\"c1\",\"source\":\"s\",\"type\":\"A.B\",\"data\":1,\"data_base64\":\"AA==\"}]"),
            400,
            "has both 'data' and 'data_base64'"),
        new Row(
            "cloudevents schema with an upper-case extension",
            eventGrid(
                "[{\"specversion\":\"1.0\",\"id\":\"c1\",\"source\":\"s\",\"type\":\"A.B\",\"Foo\":\"x\"}]"),
            400,
            "field [0].Foo is not a valid extension attribute name"),
        new Row(
            "unknown aeg-event-type",
            LocalAzureHttpRequest.builder("POST", "/api/events")
                .header("aeg-event-type", "Bogus")
                .header("aeg-subscription-name", "audit")
                .body("[" + event("e1", "A.B.C") + "]"),
            400,
            "aeg-event-type 'Bogus'"),
        new Row(
            "delivery from a subscription not allowed",
            LocalAzureHttpRequest.builder("POST", "/api/events")
                .header("aeg-event-type", "Notification")
                .header("aeg-subscription-name", "STRANGER")
                .body("[" + event("e1", "A.B.C") + "]"),
            403,
            "subscription 'STRANGER'"),
        new Row(
            "OPTIONS without WebHook-Request-Origin",
            LocalAzureHttpRequest.builder("OPTIONS", "/api/events").noBody(),
            400,
            "OPTIONS without header WebHook-Request-Origin"),
        new Row(
            "OPTIONS with a bad WebHook-Request-Rate",
            LocalAzureHttpRequest.builder("OPTIONS", "/api/events")
                .header("WebHook-Request-Origin", "eventgrid.azure.net")
                .header("WebHook-Request-Rate", "-1")
                .noBody(),
            400,
            "WebHook-Request-Rate '-1' is not a positive integer"),
        new Row(
            "OPTIONS from an origin not allowed",
            LocalAzureHttpRequest.builder("OPTIONS", "/api/events")
                .header("WebHook-Request-Origin", "attacker.example")
                .noBody(),
            403,
            "origin 'attacker.example' is not in CEH_WEBHOOK_ALLOWED_ORIGINS"));
  }

  /** Fuzzing F14: a refusal quoting a huge header value is still one bounded line. */
  @Test
  void preflightRefusalOfAHugeOriginIsBounded() {
    RecordingApp app = RecordingApp.status(200);
    var r =
        (LocalAzureHttpResponse)
            new AzureEventHandler(AzureHttpTriggerTest.configuration(), app)
                .http(
                    LocalAzureHttpRequest.builder("OPTIONS", "/api/events")
                        .header("WebHook-Request-Origin", "eventgrid.azure.net".repeat(1_500))
                        .noBody(),
                    LocalAzureContext.create("h", "inv-h"));
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.bodyText())
        .hasSizeLessThanOrEqualTo(CloudEventsHandlerException.MAX_MESSAGE)
        .contains("is not in CEH_WEBHOOK_ALLOWED_ORIGINS")
        .doesNotContain("\n");
    assertThat(app.requests).isEmpty();
  }

  /**
   * Every {@code ce-*} value of a Web PubSub request is percent-decoded once (CloudEvents binary
   * mode), the required ones too; an empty optional attribute is not there (fuzzing F12: an empty
   * {@code ce-dataschema} was an unexpected exception).
   */
  @Test
  void webPubSubValuesAreDecodedOnceAndEmptyOptionalAttributesAreAbsent() {
    RecordingApp app = RecordingApp.status(200);
    var r =
        (LocalAzureHttpResponse)
            new AzureEventHandler(AzureHttpTriggerTest.configuration(), app)
                .http(
                    wps(
                        h -> {
                          h.put("ce-id", "id%20with%20spaces");
                          h.put("ce-type", "azure.webpubsub.user.caf%C3%A9");
                          h.put("ce-dataschema", "");
                          h.put("ce-subject", "");
                        }),
                    LocalAzureContext.create("h", "inv-h"));
    assertThat(r.getStatusCode()).isEqualTo(200);
    AppRequest delivered = app.requests.get(0);
    // the request to the application carries the attributes in binary mode again, encoded once
    assertThat(delivered.header("ce-id")).contains("id%20with%20spaces");
    assertThat(delivered.header("ce-type")).contains("azure.webpubsub.user.caf%C3%A9");
    assertThat(delivered.header("ce-dataschema")).isEmpty();
    assertThat(delivered.header("ce-subject")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void isRejectedWithItsStatusAndNothingIsDispatched(Row row) {
    RecordingApp app = RecordingApp.status(200);
    LocalAzureContext ctx = LocalAzureContext.create("http", "inv-http");
    var r =
        (LocalAzureHttpResponse)
            new AzureEventHandler(AzureHttpTriggerTest.configuration(), app)
                .http(row.request(), ctx);
    assertThat(r.getStatusCode()).as(row.name()).isEqualTo(row.status());
    assertThat(r.bodyText()).contains(row.messageContains());
    assertThat(app.requests).isEmpty();
    assertThat(ctx.logLines()).singleElement().asString().contains("status=" + row.status());
  }

  @Test
  void validationRefusalNeverEchoesTheCode() {
    var r =
        (LocalAzureHttpResponse)
            new AzureEventHandler(AzureHttpTriggerTest.configuration(), RecordingApp.status(200))
                .http(
                    rows()
                        .filter(x -> x.name().startsWith("validation for"))
                        .findFirst()
                        .orElseThrow()
                        .request(),
                    LocalAzureContext.create("h", "inv-h"));
    assertThat(r.bodyText()).doesNotContain("512d38b6");
  }

  @Test
  void webPubSubWithoutConfiguredKeysIs500() {
    RecordingApp app = RecordingApp.status(200);
    var r =
        (LocalAzureHttpResponse)
            new AzureEventHandler(Configuration.builder().build(), app)
                .http(wps(h -> {}), LocalAzureContext.create("h", "inv-h"));
    assertThat(r.getStatusCode()).isEqualTo(500);
    // the public caller gets no configuration detail; the invocation log line keeps it
    assertThat(r.bodyText()).doesNotContain("CEH_WEBPUBSUB_KEYS").contains("not configured");
    assertThat(app.requests).isEmpty();
  }

  @Test
  void oversizedEventGridBodyIs413BeforeParsing() {
    RecordingApp app = RecordingApp.status(200);
    Configuration small =
        AzureHttpTriggerTest.configuration().toBuilder().limits(new JsonLimits(64, 64)).build();
    var r =
        (LocalAzureHttpResponse)
            new AzureEventHandler(small, app)
                .http(
                    eventGrid("[" + event("e1", "A.B.C") + "]"),
                    LocalAzureContext.create("h", "inv-h"));
    assertThat(r.getStatusCode()).isEqualTo(413);
    assertThat(app.requests).isEmpty();
  }

  @Test
  void triggerInputsThatAreBrokenThrowBadEventException() {
    RecordingApp app = RecordingApp.status(200);
    AzureEventHandler h = new AzureEventHandler(Configuration.builder().build(), app);
    var ctx = LocalAzureContext.create("t", "inv-t");
    assertThatThrownBy(() -> h.eventGrid("{\"id\":\"x\",\"topic\":\"t\"}", ctx))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD))
        .hasMessageContaining("azure azure.eventgrid event x");
    assertThatThrownBy(() -> h.eventGrid("not json", ctx))
        .isInstanceOfSatisfying(
            BadEventException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_JSON));
    assertThatThrownBy(() -> h.cosmosDb("{\"id\":\"a\"}", ctx))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("expected a JSON array of documents");
    assertThatThrownBy(() -> h.serviceBus(null, "m", 1, null, ctx))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("message is null");
    assertThatThrownBy(() -> h.eventHubs(List.of("a"), List.of(Map.of("Offset", "1")), ctx))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("SequenceNumber");
    assertThat(app.requests).isEmpty();
  }

  private static LocalAzureHttpRequest<Optional<String>> wps(Consumer<Map<String, String>> change) {
    Map<String, String> h =
        new LinkedHashMap<>(webPubSubHeaders("azure.webpubsub.user.message", "c1", KEY1));
    change.accept(h);
    return LocalAzureHttpRequest.builder("POST", "/api/webpubsub")
        .headers(h)
        .header("Content-Type", "text/plain")
        .body("hello");
  }
}
