package io.github.cloudeventshandler.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.azure.internal.WebPubSubSignature;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue class 8 on Azure's HTTP trigger: a header a signature, handshake or route depends on, sent
 * twice. The Functions host lower-cases header names and hands the worker one value per name, the
 * repeated fields joined with commas (the test kit's {@code LocalAzureHttpRequest} does the same),
 * so {@code ce-connectionId: conn1} plus {@code CE-CONNECTIONID: victim-conn} arrives as one joined
 * value. What matters is that such a request is never verified for one value and delivered with
 * another: here through {@link AzureEventHandler#http} into a real servlet on the real bridge.
 */
class DuplicateHeadersTest {
  private static final String KEY = "primary-key";
  private static final List<String> SEEN = new CopyOnWriteArrayList<>();
  private static ServletApplication bridge;

  /** Records the connection the app was told about. */
  public static final class ConnectionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      SEEN.add(req.getRequestURI() + " " + req.getHeader("ce-connectionId"));
      resp.setStatus(204);
    }
  }

  @BeforeAll
  static void start() {
    bridge = ServletApplication.start(ConnectionServlet.class, Configuration.builder().build());
  }

  @AfterAll
  static void stop() {
    bridge.close();
  }

  @BeforeEach
  void reset() {
    SEEN.clear();
  }

  private static LocalAzureHttpResponse call(LocalAzureHttpRequest<Optional<String>> request) {
    Configuration config =
        Configuration.builder()
            .setting("CEH_WEBPUBSUB_KEYS", KEY)
            .setting("CEH_WEBHOOK_ALLOWED_ORIGINS", "demo.webpubsub.azure.com")
            .setting("CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS", "orders-sub")
            .build();
    return (LocalAzureHttpResponse)
        new AzureEventHandler(config, bridge)
            .http(request, LocalAzureContext.create("http", "inv-http"));
  }

  /** A genuine Web PubSub user event for {@code conn1}, signed with the configured key. */
  private static LocalAzureHttpRequest.Builder webPubSub() {
    return LocalAzureHttpRequest.builder("POST", "/api/webpubsub")
        .headers(
            AzureHttpTriggerTest.webPubSubHeaders("azure.webpubsub.user.message", "conn1", KEY))
        .header("ce-eventName", "message")
        .header("Content-Type", "text/plain");
  }

  @Test
  void theGenuineRequestReachesTheApplication() {
    var r = call(webPubSub().body("hi"));
    assertThat(r.getStatusCode()).isEqualTo(204);
    assertThat(SEEN).containsExactly("/azure.webpubsub conn1");
  }

  @Test
  void aSecondConnectionIdLeavesTheRequestUnauthenticated() {
    var r = call(webPubSub().header("CE-CONNECTIONID", "victim-conn").body("hi"));
    assertThat(r.getStatusCode()).as(r.bodyText()).isEqualTo(401);
    assertThat(r.bodyText()).contains("ce-signature matches none of the configured access keys");
    assertThat(SEEN).isEmpty();
  }

  @Test
  void aSecondSignatureValidForAnotherConnectionDeliversOnlyTheSignedOne() {
    // ce-signature is a comma-separated list by protocol (one per access key): an added value
    // signed for the victim cannot make the request speak for the victim's connection
    var r =
        call(
            webPubSub()
                .header("CE-SIGNATURE", WebPubSubSignature.sign(KEY, "victim-conn"))
                .body("hi"));
    assertThat(r.getStatusCode()).as(r.bodyText()).isEqualTo(204);
    assertThat(SEEN).containsExactly("/azure.webpubsub conn1");
  }

  static Stream<Arguments> webPubSubDuplicates() {
    return Stream.of(
        row("a second type", b -> b.header("CE-TYPE", "azure.webpubsub.sys.connect")),
        row("a second hub", b -> b.header("Ce-Hub", "admin")),
        row("a second event name", b -> b.header("CE-EVENTNAME", "delete-all")),
        row("a second user id", b -> b.header("CE-USERID", "admin")),
        row("a second source", b -> b.header("CE-SOURCE", "/hubs/admin/client/x")),
        row("a second id", b -> b.header("CE-ID", "2")),
        row(
            "a second awps version",
            b -> b.header("ce-awpsversion", "1.0").header("CE-AWPSVERSION", "2.0")),
        row("a second origin", b -> b.header("webhook-request-origin", "evil.example")),
        row("a second content type", b -> b.header("content-type", "application/json")));
  }

  private static Arguments row(String name, UnaryOperator<LocalAzureHttpRequest.Builder> change) {
    return Arguments.of(name, change);
  }

  /**
   * Not yet true: {@code HttpTriggerFlow} looks for a second header field, which the Functions host
   * never hands over; it receives the joined value and delivers it (204). Refusing it needs a rule
   * for joined values (a comma can be legitimate in some of these values), which belongs to the
   * azure module.
   */
  @Disabled(
      "the host joins repeated headers into one comma-separated value; HttpTriggerFlow only"
          + " detects a second field, so the joined value is delivered (see the method's Javadoc)")
  @ParameterizedTest(name = "{0}")
  @MethodSource("webPubSubDuplicates")
  void aWebPubSubRequestWithADuplicatedHeaderIsRefused(
      String name, UnaryOperator<LocalAzureHttpRequest.Builder> change) {
    var r = call(change.apply(webPubSub()).body("hi"));
    assertThat(r.getStatusCode()).as(name + ": " + r.bodyText()).isEqualTo(400);
    assertThat(SEEN).as(name).isEmpty();
  }

  @Test
  void eventGridDeliveryHeadersGivenTwiceAreRefused() {
    String event =
        "[{\"id\":\"e1\",\"topic\":\"/subscriptions/x/resourceGroups/g/providers/Microsoft.Storage/"
            + "storageAccounts/a\",\"subject\":\"s\",\"eventType\":\"Microsoft.Storage.BlobCreated\","
            + "\"eventTime\":\"2017-08-16T01:57:26.005121Z\",\"data\":{},\"dataVersion\":\"\","
            + "\"metadataVersion\":\"1\"}]";
    Supplier<LocalAzureHttpRequest.Builder> delivery =
        () ->
            LocalAzureHttpRequest.builder("POST", "/api/events")
                .header("aeg-event-type", "Notification")
                .header("aeg-subscription-name", "ORDERS-SUB")
                .header("Content-Type", "application/json");
    assertThat(call(delivery.get().body(event)).getStatusCode()).isEqualTo(200);
    SEEN.clear();
    var handshakeOrDelivery =
        call(delivery.get().header("AEG-EVENT-TYPE", "SubscriptionValidation").body(event));
    assertThat(handshakeOrDelivery.getStatusCode()).isEqualTo(400);
    assertThat(handshakeOrDelivery.bodyText())
        .contains("header aeg-event-type 'Notification, SubscriptionValidation' is not");
    var twoSubscriptions =
        call(delivery.get().header("Aeg-Subscription-Name", "other").body(event));
    assertThat(twoSubscriptions.getStatusCode()).isEqualTo(403);
    assertThat(twoSubscriptions.bodyText())
        .contains("subscription 'ORDERS-SUB, other' is not in CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS");
    assertThat(SEEN).isEmpty();
  }

  @Disabled(
      "the host joins repeated headers into one comma-separated value; the joined ce-source"
          + " and ce-type are delivered today (see aWebPubSubRequestWithADuplicatedHeaderIsRefused)")
  @Test
  void binaryCloudEventAttributesGivenTwiceAreRefused() {
    Supplier<LocalAzureHttpRequest.Builder> ce =
        () ->
            LocalAzureHttpRequest.builder("POST", "/api/events")
                .headers(
                    Map.of(
                        "ce-specversion", "1.0",
                        "ce-id", "1",
                        "ce-source", "/orders",
                        "ce-type", "com.example.created",
                        "Content-Type", "application/json"));
    assertThat(call(ce.get().body("{}")).getStatusCode()).isEqualTo(204);
    assertThat(call(ce.get().header("CE-SOURCE", "/payments").body("{}")).getStatusCode())
        .isEqualTo(400);
    assertThat(call(ce.get().header("CE-TYPE", "com.example.deleted").body("{}")).getStatusCode())
        .isEqualTo(400);
    assertThat(SEEN).containsExactly("/orders null");
  }

  @Test
  void aPreflightNamingTwoOriginsIsNotAllowed() {
    var r =
        call(
            LocalAzureHttpRequest.builder("OPTIONS", "/api/webpubsub")
                .header("WebHook-Request-Origin", "demo.webpubsub.azure.com")
                .header("webhook-request-origin", "evil.example")
                .noBody());
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getHeader("WebHook-Allowed-Origin")).isNull();
  }
}
