package io.github.cloudeventshandler.samples.helloazure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import java.util.Optional;

/**
 * The hello servlet ({@code
 * CEH_APPLICATION=io.github.cloudeventshandler.samples.hello.HelloServlet}) as an Azure Functions
 * app. Each function only delegates to {@link AzureEventHandler}:
 *
 * <ul>
 *   <li>{@code eventgrid}: {@code @EventGridTrigger}, e.g. {@code Microsoft.Storage.BlobCreated} →
 *       {@code POST /microsoft.storage};
 *   <li>{@code queue}: messages of the {@code hello} Storage Queue → {@code POST
 *       /azure.storage.queue};
 *   <li>{@code events}: the webhook endpoint for Event Grid subscriptions (validation handshake,
 *       CloudEvents abuse protection, both schemas);
 *   <li>{@code webpubsub}: the Web PubSub upstream endpoint (signature checked with {@code
 *       CEH_WEBPUBSUB_KEYS});
 *   <li>{@code app}: every other HTTP request, passed to the servlet as it is.
 * </ul>
 */
public class HelloFunctions {
  private final AzureEventHandler handler;

  /** The handler configured from the app settings ({@code CEH_*}). */
  public HelloFunctions() {
    this(Default.HANDLER);
  }

  HelloFunctions(AzureEventHandler handler) {
    this.handler = handler;
  }

  /** Started once per instance, on the first invocation. */
  private static final class Default {
    static final AzureEventHandler HANDLER = new AzureEventHandler();
  }

  /** Event Grid events (either schema). */
  @FunctionName("eventgrid")
  public void eventGrid(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
    handler.eventGrid(event, context);
  }

  /** Storage Queue messages; a failure makes the host retry and finally poison the message. */
  @FunctionName("queue")
  public void queue(
      @QueueTrigger(name = "message", queueName = "hello", connection = "AzureWebJobsStorage")
          String message,
      @BindingName("Id") String id,
      @BindingName("DequeueCount") long dequeueCount,
      @BindingName("InsertionTime") String insertionTime,
      ExecutionContext context) {
    handler.queue(message, id, dequeueCount, insertionTime, context);
  }

  /** Event Grid / CloudEvents webhook deliveries. */
  @FunctionName("events")
  public HttpResponseMessage events(
      @HttpTrigger(
              name = "request",
              methods = {HttpMethod.POST, HttpMethod.OPTIONS},
              authLevel = AuthorizationLevel.FUNCTION,
              route = "events")
          HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    return handler.http(request, context);
  }

  /** Web PubSub upstream (anonymous: every request is checked against the access keys). */
  @FunctionName("webpubsub")
  public HttpResponseMessage webPubSub(
      @HttpTrigger(
              name = "request",
              methods = {HttpMethod.POST, HttpMethod.OPTIONS},
              authLevel = AuthorizationLevel.ANONYMOUS,
              route = "webpubsub")
          HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    return handler.http(request, context);
  }

  /** Everything else: plain HTTP to the servlet. */
  @FunctionName("app")
  public HttpResponseMessage app(
      @HttpTrigger(
              name = "request",
              methods = {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE},
              authLevel = AuthorizationLevel.ANONYMOUS,
              route = "app/{*path}")
          HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    return handler.http(request, context);
  }
}
