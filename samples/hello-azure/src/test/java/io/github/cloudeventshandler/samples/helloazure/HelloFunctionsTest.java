package io.github.cloudeventshandler.samples.helloazure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.ExecutionContext;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.samples.hello.HelloServlet;
import io.github.cloudeventshandler.testing.AzureInvoker;
import io.github.cloudeventshandler.testing.EventGridEvents;
import io.github.cloudeventshandler.testing.LocalCloud;
import io.github.cloudeventshandler.testing.PlatformReply;
import io.github.cloudeventshandler.testing.WebPubSubEvents;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The function methods end to end through the test kit: {@link HelloFunctions} over the {@code
 * AzureEventHandler} the kit made for the real {@link HelloServlet} it started on the bridge.
 */
class HelloFunctionsTest {
  @RegisterExtension
  static final LocalCloud cloud =
      LocalCloud.of(HelloServlet.class)
          .setting("CEH_ROUTES", "{\"kinds\":{\"azure.storage.queue\":\"/fail-queue\"}}")
          .setting("CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS", "hello-sub")
          .setting("CEH_WEBPUBSUB_KEYS", "wps-key");

  private final AzureInvoker azure = cloud.azure();
  private final HelloFunctions functions = new HelloFunctions(azure.handler());

  @Test
  void eventGridEventReachesTheServletAtItsRouteAndIsLogged() {
    LocalAzureContext context = LocalAzureContext.create("eventgrid");
    EventGridEvents.EventGridEvent event =
        EventGridEvents.blobCreated("hello", "uploads", "a.txt").id("e1");
    PlatformReply reply = azure.invoke(context, ctx -> functions.eventGrid(event.toJson(), ctx));
    assertThat(reply).succeeded().routedTo("/microsoft.storage");
    assertThat(context.logMessages())
        .singleElement()
        .asString()
        .contains("kind=azure.eventgrid id=e1")
        .contains("handled");
  }

  @Test
  void queueMessageTheServletFailsMakesTheFunctionThrow() {
    ExecutionContext context = LocalAzureContext.create("queue");
    assertThat(azure.invoke(context, ctx -> functions.queue("hello", "q1", 1, null, ctx)))
        .threw(DispatchException.class)
        .thrownException()
        .hasMessageContaining("HTTP 500 from POST /fail-queue");
  }

  @Test
  void eventGridHandshakeIsAnsweredWithoutTheServlet() {
    LocalAzureHttpRequest<java.util.Optional<String>> handshake =
        LocalAzureHttpRequest.builder("POST", "/api/events")
            .header("aeg-event-type", "SubscriptionValidation")
            .header("aeg-subscription-name", "HELLO-SUB")
            .body(
                "[{\"id\":\"v\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\","
                    + "\"data\":{\"validationCode\":\"CODE-1\"}}]");
    assertThat(azure.http(handshake, functions::events))
        .hasStatus(200)
        .reachedNoApplication()
        .body()
        .isEqualTo("{\"validationResponse\":\"CODE-1\"}");
  }

  @Test
  void webPubSubConnectGetsTheServletsJson() {
    PlatformReply reply = azure.http(WebPubSubEvents.connect("chat", "c-1"), functions::webPubSub);
    assertThat(reply)
        .hasStatus(200)
        .body()
        .contains("\"path\":\"/azure.webpubsub\"")
        .contains("\"ce-type\":\"azure.webpubsub.sys.connect\"");
  }

  @Test
  void plainHttpGetGoesToTheServlet() {
    assertThat(azure.http(LocalAzureHttpRequest.builder("GET", "/").noBody(), functions::app))
        .hasStatus(200)
        .body()
        .isEqualTo("hello from cloud-events-handler\n");
  }
}
