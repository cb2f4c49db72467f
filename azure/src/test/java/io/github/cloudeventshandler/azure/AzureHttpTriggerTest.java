package io.github.cloudeventshandler.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.azure.internal.WebPubSubSignature;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AzureHttpTriggerTest {
  static final String KEY1 = "primary-key";
  static final String KEY2 = "secondary-key";
  private final LocalAzureContext ctx = LocalAzureContext.create("http", "inv-http");

  static Configuration configuration() {
    return Configuration.builder()
        .setting("CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS", "orders-sub, audit")
        .setting("CEH_WEBHOOK_ALLOWED_ORIGINS", "eventgrid.azure.net,demo.webpubsub.azure.com")
        .setting("CEH_WEBPUBSUB_KEYS", KEY1 + "," + KEY2)
        .build();
  }

  private LocalAzureHttpResponse call(
      RecordingApp app, LocalAzureHttpRequest<Optional<String>> request) {
    return (LocalAzureHttpResponse) new AzureEventHandler(configuration(), app).http(request, ctx);
  }

  static final String VALIDATION =
      "[{\"id\":\"2d1781af\",\"topic\":\"/subscriptions/x\",\"subject\":\"\","
          + "\"data\":{\"validationCode\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\","
          + "\"validationUrl\":\"https://rp-eastus2.eventgrid.azure.net:553/x\"},"
          + "\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\","
          + "\"eventTime\":\"2018-01-25T22:12:19.4556811Z\",\"metadataVersion\":\"1\","
          + "\"dataVersion\":\"1\"}]";

  @Test
  void validationHandshakeForAnAllowedSubscriptionEchoesTheCode() {
    RecordingApp app = RecordingApp.status(200);
    var r =
        call(
            app,
            LocalAzureHttpRequest.builder("POST", "/api/events")
                .header("aeg-event-type", "SubscriptionValidation")
                .header("aeg-subscription-name", "ORDERS-SUB")
                .body(VALIDATION));
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.bodyText())
        .isEqualTo("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}");
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(app.requests).isEmpty();
    assertThat(ctx.logLines()).singleElement().asString().contains("eventgrid.validation");
  }

  @Test
  void eventGridArrayIsAllOrNothing() {
    String array =
        "["
            + event("e1", "Microsoft.Storage.BlobCreated")
            + ","
            + event("e2", "Microsoft.Storage.BlobDeleted")
            + ","
            + event("e3", "Microsoft.Resources.ResourceWriteSuccess")
            + "]";
    RecordingApp ok = RecordingApp.status(200);
    var r = call(ok, eventGrid(array));
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(ok.requests)
        .extracting(AppRequest::path)
        .containsExactly("/microsoft.storage", "/microsoft.storage", "/microsoft.resources");

    RecordingApp failing = RecordingApp.status(200, 500, 200);
    var f = call(failing, eventGrid(array));
    assertThat(f.getStatusCode()).isEqualTo(503);
    assertThat(failing.requests).hasSize(2);
    // the caller learns only that it must deliver again; which event failed goes to the log
    assertThat(f.bodyText()).isEqualTo("not handled, deliver again").doesNotContain("e2");
  }

  @Test
  void preflightGrantsAnAllowedOrigin() {
    var r =
        call(
            RecordingApp.status(200),
            LocalAzureHttpRequest.builder("OPTIONS", "/api/events")
                .header("WebHook-Request-Origin", "eventgrid.azure.net")
                .header("WebHook-Request-Rate", "120")
                .noBody());
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getHeader("WebHook-Allowed-Origin")).isEqualTo("eventgrid.azure.net");
    assertThat(r.getHeader("WebHook-Allowed-Rate")).isEqualTo("*");
  }

  @Test
  void preflightRefusesAnotherOriginWithoutGrantHeaders() {
    var r =
        call(
            RecordingApp.status(200),
            LocalAzureHttpRequest.builder("OPTIONS", "/api/events")
                .header("WebHook-Request-Origin", "evil.example.com")
                .noBody());
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getHeader("WebHook-Allowed-Origin")).isNull();
    assertThat(r.getHeader("WebHook-Allowed-Rate")).isNull();
  }

  @Test
  void corsPreflightGoesToTheApplication() {
    RecordingApp app = RecordingApp.status(204);
    var r =
        call(
            app,
            LocalAzureHttpRequest.builder("OPTIONS", "/api/books")
                .header("Origin", "https://site.example")
                .header("Access-Control-Request-Method", "PUT")
                .noBody());
    assertThat(r.getStatusCode()).isEqualTo(204);
    assertThat(app.requests).singleElement().extracting(AppRequest::method).isEqualTo("OPTIONS");
  }

  @Test
  void plainHttpIsPassedThroughWithPathQueryAndResponse() {
    RecordingApp app =
        new RecordingApp(
            req ->
                new AppResponse(
                    201,
                    Headers.builder()
                        .add("Content-Type", "application/json")
                        .add("X-Id", "7")
                        .build(),
                    "{\"id\":7}".getBytes(StandardCharsets.UTF_8)));
    var r =
        call(
            app,
            LocalAzureHttpRequest.builder("POST", "/api/books?lang=en&x=%20y")
                .header("Content-Type", "application/json")
                .body("{\"title\":\"Dune\"}"));
    assertThat(r.getStatusCode()).isEqualTo(201);
    assertThat(r.getHeader("X-Id")).isEqualTo("7");
    assertThat(r.bodyText()).isEqualTo("{\"id\":7}");
    AppRequest req = app.requests.get(0);
    assertThat(req.path()).isEqualTo("/api/books");
    assertThat(req.query()).isEqualTo("lang=en&x=%20y");
    assertThat(req.bodyText()).isEqualTo("{\"title\":\"Dune\"}");
    assertThat(req.attributes().get(RequestAttributes.PLATFORM_CONTEXT)).isSameAs(ctx);
    assertThat(req.attributes()).doesNotContainKey(RequestAttributes.PLATFORM_EVENT);
  }

  @Test
  void webPubSubConnectReturnsTheApplicationsJsonAndOneConnectionState() {
    RecordingApp app =
        new RecordingApp(
            req ->
                new AppResponse(
                    200,
                    Headers.builder()
                        .add("Content-Type", "application/json")
                        .add("ce-connectionState", "eyJhIjoxfQ==")
                        .build(),
                    "{\"userId\":\"u1\",\"groups\":[\"g\"]}".getBytes(StandardCharsets.UTF_8)));
    var r = call(app, webPubSub("azure.webpubsub.sys.connect", "conn-1", KEY2, "{\"claims\":{}}"));
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"userId\":\"u1\",\"groups\":[\"g\"]}");
    assertThat(r.getHeader("ce-connectionState")).isEqualTo("eyJhIjoxfQ==");
    AppRequest req = app.requests.get(0);
    assertThat(req.path()).isEqualTo("/azure.webpubsub");
    assertThat(req.header("ce-type")).contains("azure.webpubsub.sys.connect");
    assertThat(req.header("ce-connectionid")).contains("conn-1");
    assertThat(req.header("ce-hub")).contains("chat");
    assertThat(req.header("ce-signature")).isEmpty();
  }

  @Test
  void webPubSubUserMessageRepliesWithTheApplicationsContentType() {
    RecordingApp app =
        new RecordingApp(req -> AppResponse.of(200, "text/plain", "echo: " + req.bodyText()));
    var r =
        call(
            app,
            LocalAzureHttpRequest.builder("POST", "/api/webpubsub")
                .headers(webPubSubHeaders("azure.webpubsub.user.message", "c2", KEY1))
                .header("Content-Type", "text/plain")
                .header("ce-connectionState", "c3RhdGU=")
                .body("hi"));
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/plain");
    assertThat(r.bodyText()).isEqualTo("echo: hi");
    assertThat(app.requests.get(0).header("ce-connectionstate")).contains("c3RhdGU=");
    assertThat(app.requests.get(0).header("Content-Type")).contains("text/plain");
  }

  @Test
  void webPubSubConnectRejectedByTheApplicationKeepsItsStatus() {
    var r =
        call(RecordingApp.status(401), webPubSub("azure.webpubsub.sys.connect", "c3", KEY1, "{}"));
    assertThat(r.getStatusCode()).isEqualTo(401);
  }

  @Test
  void webPubSubDisconnectedFailureIsReportedNotHidden() {
    var r =
        call(
            RecordingApp.status(503),
            webPubSub("azure.webpubsub.sys.disconnected", "c4", KEY1, "{\"reason\":\"x\"}"));
    assertThat(r.getStatusCode()).isEqualTo(500);
  }

  @Test
  void webPubSubTwoConnectionStatesFromTheApplicationAre500() {
    RecordingApp app =
        new RecordingApp(
            req ->
                new AppResponse(
                    204,
                    Headers.builder()
                        .add("ce-connectionState", "a")
                        .add("ce-connectionState", "b")
                        .build(),
                    new byte[0]));
    var r = call(app, webPubSub("azure.webpubsub.user.message", "c5", KEY1, "x"));
    assertThat(r.getStatusCode()).isEqualTo(500);
    assertThat(r.bodyText()).contains("2 ce-connectionState");
  }

  @Test
  void cloudEventsOverHttpWithoutEventGridHeadersGoToTheSourceRoute() {
    RecordingApp app = RecordingApp.status(202);
    var r =
        call(
            app,
            LocalAzureHttpRequest.builder("POST", "/api/events")
                .header("ce-specversion", "1.0")
                .header("ce-id", "42")
                .header("ce-source", "/orders/shop")
                .header("ce-type", "com.example.order.created")
                .header("Content-Type", "application/json")
                .body("{\"n\":1}"));
    assertThat(r.getStatusCode()).isEqualTo(202);
    assertThat(app.requests).singleElement().extracting(AppRequest::path).isEqualTo("/orders/shop");
    // anyone can post this to the URL: not a platform event unless the host guards the endpoint
    assertThat(app.requests.get(0).attributes())
        .doesNotContainKey(RequestAttributes.PLATFORM_EVENT);
    assertThat(app.requests.get(0).attributes()).containsKey(RequestAttributes.CLOUD_EVENT);
  }

  @Test
  void eventsOverHttpAreNotPlatformEventsUnlessTheEndpointIsDeclaredTrusted() {
    String body = "[" + event("e1", "Microsoft.Storage.BlobCreated") + "]";
    RecordingApp open = RecordingApp.status(200);
    assertThat(call(open, eventGrid(body)).getStatusCode()).isEqualTo(200);
    assertThat(open.requests.get(0).path()).isEqualTo("/microsoft.storage");
    assertThat(open.requests.get(0).attributes())
        .doesNotContainKey(RequestAttributes.PLATFORM_EVENT);

    RecordingApp trusted = RecordingApp.status(200);
    var r =
        (LocalAzureHttpResponse)
            new AzureEventHandler(
                    configuration().toBuilder().setting("CEH_HTTP_EVENTS_TRUSTED", "true").build(),
                    trusted)
                .http(eventGrid(body), ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(trusted.requests.get(0).attributes().get(RequestAttributes.PLATFORM_EVENT))
        .isEqualTo(Boolean.TRUE);
  }

  @Test
  void webPubSubConnectChoosingASubprotocolNotOfferedIs500() {
    RecordingApp app =
        new RecordingApp(
            req ->
                AppResponse.of(
                    200, "application/json", "{\"userId\":\"u\",\"subprotocol\":\"x\"}"));
    var r =
        call(
            app,
            webPubSub(
                "azure.webpubsub.sys.connect",
                "c6",
                KEY1,
                "{\"subprotocols\":[\"json.webpubsub.azure.v1\"]}"));
    assertThat(r.getStatusCode()).isEqualTo(500);
    assertThat(r.bodyText()).contains("subprotocol 'x', which the client did not offer");

    RecordingApp notJson = new RecordingApp(req -> AppResponse.of(200, "text/plain", "welcome"));
    assertThat(
            call(notJson, webPubSub("azure.webpubsub.sys.connect", "c7", KEY1, "{}"))
                .getStatusCode())
        .isEqualTo(500);
  }

  static LocalAzureHttpRequest<Optional<String>> eventGrid(String body) {
    return LocalAzureHttpRequest.builder("POST", "/api/events")
        .header("aeg-event-type", "Notification")
        .header("aeg-subscription-name", "ORDERS-SUB")
        .header("Content-Type", "application/json; charset=utf-8")
        .body(body);
  }

  static String event(String id, String type) {
    return "{\"id\":\""
        + id
        + "\",\"topic\":\"/subscriptions/x\",\"subject\":\"s\",\"eventType\":\""
        + type
        + "\",\"eventTime\":\"2017-08-16T01:57:26.005121Z\",\"data\":{},\"dataVersion\":\"\","
        + "\"metadataVersion\":\"1\"}";
  }

  static Map<String, String> webPubSubHeaders(String type, String connection, String key) {
    return Map.of(
        "ce-specversion", "1.0",
        "ce-type", type,
        "ce-source", "/hubs/chat/client/" + connection,
        "ce-id", "1",
        "ce-time", "2021-01-01T00:00:00Z",
        "ce-connectionId", connection,
        "ce-hub", "chat",
        "ce-userId", "u1",
        "ce-signature", WebPubSubSignature.sign(key, connection),
        "WebHook-Request-Origin", "demo.webpubsub.azure.com");
  }

  static LocalAzureHttpRequest<Optional<String>> webPubSub(
      String type, String connection, String key, String body) {
    return LocalAzureHttpRequest.builder("POST", "/api/webpubsub")
        .headers(webPubSubHeaders(type, connection, key))
        .header("Content-Type", "application/json")
        .body(body);
  }
}
