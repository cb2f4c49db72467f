package io.github.cloudeventshandler.samples.books;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import java.util.Optional;

/**
 * The books app on Azure Functions ({@code CEH_APPLICATION=…BooksApp} in the app settings). Each
 * function only delegates to {@link AzureEventHandler}:
 *
 * <ul>
 *   <li>{@code blobs}: {@code @EventGridTrigger} subscribed to the storage account's {@code
 *       Microsoft.Storage.BlobCreated} / {@code BlobDeleted} → {@code POST /microsoft.storage}; a
 *       failure throws, so Event Grid retries;
 *   <li>{@code books}: every HTTP request ({@code host.json} sets an empty route prefix), passed to
 *       the app as it is: {@code GET /books}, {@code DELETE /books/1}, …
 * </ul>
 */
public class BooksFunctions {
  private final AzureEventHandler handler;

  /** The handler configured from the app settings ({@code CEH_*}). */
  public BooksFunctions() {
    this(Default.HANDLER);
  }

  BooksFunctions(AzureEventHandler handler) {
    this.handler = handler;
  }

  /** Started once per instance, on the first invocation. */
  private static final class Default {
    static final AzureEventHandler HANDLER = new AzureEventHandler();
  }

  /** Blob created / deleted events of the books storage account. */
  @FunctionName("blobs")
  public void blobs(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
    handler.eventGrid(event, context);
  }

  /** The books HTTP API. */
  @FunctionName("books")
  public HttpResponseMessage books(
      @HttpTrigger(
              name = "request",
              methods = {HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE},
              authLevel = AuthorizationLevel.ANONYMOUS,
              route = "{*path}")
          HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    return handler.http(request, context);
  }
}
