package ${package};

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.github.cloudeventshandler.azure.AzureEventHandler;

/**
 * The app on Azure Functions ({@code CEH_APPLICATION} in the app settings, pom.xml). Each function
 * only delegates to {@link AzureEventHandler}; add a method per trigger you subscribe (Service Bus,
 * Event Hubs, queues, HTTP: see the handler's methods).
 */
public class AzureFunctions {
  private final AzureEventHandler handler;

  /** The handler configured from the app settings ({@code CEH_*}). */
  public AzureFunctions() {
    this(Default.HANDLER);
  }

  AzureFunctions(AzureEventHandler handler) {
    this.handler = handler;
  }

  /** Started once per instance, on the first invocation. */
  private static final class Default {
    static final AzureEventHandler HANDLER = new AzureEventHandler();
  }

  /**
   * Blob created / deleted events of a storage account's Event Grid subscription: {@code POST
   * /microsoft.storage}; a failure throws, so Event Grid retries.
   */
  @FunctionName("storage")
  public void storage(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
    handler.eventGrid(event, context);
  }
}
