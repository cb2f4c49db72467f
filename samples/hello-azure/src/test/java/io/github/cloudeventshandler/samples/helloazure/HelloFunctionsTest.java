package io.github.cloudeventshandler.samples.helloazure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.RouteOverrides;
import io.github.cloudeventshandler.samples.hello.HelloServlet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The function methods end to end: Mockito for the {@link ExecutionContext}, a small {@code
 * HttpRequestMessage} implementation, and the real {@link HelloServlet} on the servlet bridge.
 */
class HelloFunctionsTest {
  private static final AzureEventHandler HANDLER =
      new AzureEventHandler(
          Configuration.builder()
              .application(HelloServlet.class)
              .routes(RouteOverrides.parse("{\"kinds\":{\"azure.storage.queue\":\"/fail-queue\"}}"))
              .setting("CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS", "hello-sub")
              .setting("CEH_WEBPUBSUB_KEYS", "wps-key")
              .build());
  private final HelloFunctions functions = new HelloFunctions(HANDLER);
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final ExecutionContext context = context();

  @Test
  void eventGridEventReachesTheServletAtItsRoute() {
    functions.eventGrid(
        "{\"id\":\"e1\",\"topic\":\"/subscriptions/x\",\"subject\":\"/blobs/a.txt\","
            + "\"eventType\":\"Microsoft.Storage.BlobCreated\","
            + "\"eventTime\":\"2026-11-22T10:00:00Z\",\"data\":{},\"dataVersion\":\"\"}",
        context);
    assertThat(log)
        .singleElement()
        .asString()
        .contains("kind=azure.eventgrid id=e1")
        .contains("handled");
  }

  @Test
  void queueMessageTheServletFailsMakesTheFunctionThrow() {
    assertThatThrownBy(() -> functions.queue("hello", "q1", 1, null, context))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("HTTP 500 from POST /fail-queue");
  }

  @Test
  void eventGridHandshakeIsAnsweredWithoutTheServlet() {
    HttpResponseMessage r =
        functions.events(
            new FakeHttpRequest(
                HttpMethod.POST,
                "/api/events",
                Map.of(
                    "aeg-event-type",
                    "SubscriptionValidation",
                    "aeg-subscription-name",
                    "HELLO-SUB"),
                "[{\"id\":\"v\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\","
                    + "\"data\":{\"validationCode\":\"CODE-1\"}}]"),
            context);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(FakeHttpRequest.text(r)).isEqualTo("{\"validationResponse\":\"CODE-1\"}");
  }

  @Test
  void webPubSubConnectGetsTheServletsJson() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("wps-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder("sha256=");
    for (byte b : mac.doFinal("c-1".getBytes(StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", b));
    }
    HttpResponseMessage r =
        functions.webPubSub(
            new FakeHttpRequest(
                HttpMethod.POST,
                "/api/webpubsub",
                Map.of(
                    "ce-specversion", "1.0",
                    "ce-type", "azure.webpubsub.sys.connect",
                    "ce-source", "/hubs/chat/client/c-1",
                    "ce-id", "1",
                    "ce-connectionId", "c-1",
                    "ce-signature", hex.toString(),
                    "Content-Type", "application/json"),
                "{\"claims\":{}}"),
            context);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(FakeHttpRequest.text(r))
        .contains("\"path\":\"/azure.webpubsub\"")
        .contains("\"ce-type\":\"azure.webpubsub.sys.connect\"");
  }

  @Test
  void plainHttpGetGoesToTheServlet() {
    HttpResponseMessage r =
        functions.app(new FakeHttpRequest(HttpMethod.GET, "/", Map.of(), null), context);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(FakeHttpRequest.text(r)).isEqualTo("hello from cloud-events-handler\n");
  }

  private ExecutionContext context() {
    ExecutionContext c = mock(ExecutionContext.class);
    Logger logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            log.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    when(c.getLogger()).thenReturn(logger);
    when(c.getFunctionName()).thenReturn("hello");
    when(c.getInvocationId()).thenReturn("inv-1");
    return c;
  }
}
