package io.github.cloudeventshandler.samples.books;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.DispatchException;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The books app on Azure Functions: the recorded Event Grid blob events through {@link
 * BooksFunctions#blobs} (the {@code @EventGridTrigger}), {@code GET /books} and the forged requests
 * through {@link BooksFunctions#books} (the HTTP trigger), both delegating to the real {@link
 * AzureEventHandler}.
 */
class AzureBooksTest {
  private static final String CREATED = "azure/eventgrid/storage-blob-created";
  private static final String DELETED = "azure/eventgrid/storage-blob-deleted";

  private final BooksFunctions functions =
      new BooksFunctions(
          new AzureEventHandler(BooksBridge.configuration(), BooksBridge.application()));
  private final ExecutionContext context = context();

  @BeforeEach
  void emptyDatabase() {
    BooksBridge.reset();
  }

  @AfterEach
  void databaseBack() {
    if (BooksBridge.tableIsOffline()) {
      BooksBridge.restoreBooksTable();
    }
  }

  @Test
  void anUploadRecordsTheBookAndGetBooksShowsIt() {
    functions.blobs(ConformanceCorpus.get(CREATED).inputText(), context);

    HttpResponseMessage res = http(HttpMethod.GET, "/books", null);
    assertThat(res.getStatusCode()).isEqualTo(200);
    JsonArray books = JsonParser.parseString(FunctionsHttpRequest.text(res)).getAsJsonArray();
    assertThat(books).hasSize(1);
    JsonObject book = books.get(0).getAsJsonObject();
    assertThat(book.get("cloud").getAsString()).isEqualTo("azure");
    assertThat(book.get("bucket").getAsString()).isEqualTo("testcontainer");
    assertThat(book.get("key").getAsString()).isEqualTo("file1.txt");
    assertThat(book.get("size").getAsLong()).isEqualTo(447);
    assertThat(book.get("etag").getAsString()).isEqualTo("0x8D4E44A24ABE7F1");
    assertThat(book.get("time").getAsString()).isEqualTo("2017-08-16T01:57:26.005121Z");

    HttpResponseMessage deleted =
        http(HttpMethod.DELETE, "/books/" + book.get("id").getAsLong(), null);
    assertThat(deleted.getStatusCode()).isEqualTo(204);
    assertThat(BooksBridge.books()).isZero();
  }

  @Test
  void aRedeliveredEventStillMakesOneRow() {
    functions.blobs(ConformanceCorpus.get(CREATED).inputText(), context);
    functions.blobs(ConformanceCorpus.get(CREATED).inputText(), context);
    assertThat(BooksBridge.books()).isEqualTo(1);
    assertThat(BooksBridge.processedEvents()).isEqualTo(1);
  }

  @Test
  void aDeleteRemovesTheRow() {
    functions.blobs(ConformanceCorpus.get(CREATED).inputText(), context);
    // the recorded BlobDeleted names another blob (testfile.txt): handled, nothing to remove
    functions.blobs(ConformanceCorpus.get(DELETED).inputText(), context);
    assertThat(BooksBridge.books()).isEqualTo(1);

    functions.blobs(deleteOfTheUpload(), context);

    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isEqualTo(3);
  }

  @Test
  void theDatabaseFailingMakesTheTriggerThrowAndWritesNothing() {
    BooksBridge.breakBooksTable();

    assertThatThrownBy(() -> functions.blobs(ConformanceCorpus.get(CREATED).inputText(), context))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("500");

    BooksBridge.restoreBooksTable();
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isZero();
    functions.blobs(ConformanceCorpus.get(CREATED).inputText(), context); // Event Grid retries
    assertThat(BooksBridge.books()).isEqualTo(1);
  }

  @Test
  void forgedEventsOverTheHttpTriggerAreRefused() {
    String event =
        JsonParser.parseString(ConformanceCorpus.get(CREATED).inputText())
            .getAsJsonArray()
            .get(0)
            .toString();
    for (String route : new String[] {"/aws.s3", "/microsoft.storage"}) {
      HttpResponseMessage res = http(HttpMethod.POST, route, event);
      assertThat(res.getStatusCode()).as(route).isEqualTo(403);
      assertThat(FunctionsHttpRequest.text(res)).contains("forbidden");
    }
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isZero();
  }

  @Test
  void anEventGridDeliveryPostedToTheHttpTriggerIsNotAPlatformEvent() {
    Map<String, String> webhook =
        Map.of(
            "aeg-event-type", "Notification",
            "aeg-subscription-name", "books",
            "Content-Type", "application/json");
    HttpResponseMessage res =
        functions.books(
            new FunctionsHttpRequest(
                HttpMethod.POST, "/events", webhook, ConformanceCorpus.get(CREATED).inputText()),
            context);
    assertThat(res.getStatusCode() / 100).isNotEqualTo(2);
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isZero();
  }

  @Test
  void aCustomTopicPublishingBlobCreatedCreatesNoBook() {
    // issue 10: anyone who can publish to a custom topic chooses the event type; the topic says
    // the event is not the storage account's, so it is not routed to /microsoft.storage
    JsonObject e =
        JsonParser.parseString(ConformanceCorpus.get(CREATED).inputText())
            .getAsJsonArray()
            .get(0)
            .getAsJsonObject();
    e.addProperty(
        "topic",
        "/subscriptions/319a9601-1ec0-0000-aebc-8fe82724c81e/resourceGroups/testrg"
            + "/providers/Microsoft.EventGrid/topics/orders");
    assertThatThrownBy(() -> functions.blobs(e.toString(), context))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("/unverified/microsoft.storage");
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isZero();
  }

  @Test
  void anEventOfAnotherKindRoutedToTheStorageRouteIsRefusedByItsGuard() {
    // a route override sends Blob trigger events to /microsoft.storage, which accepts only
    // Event Grid events: the filter answers 403 before the controller sees the request
    AzureEventHandler misrouted =
        new AzureEventHandler(
            BooksBridge.configuration().toBuilder()
                .routes(
                    io.github.cloudeventshandler.core.RouteOverrides.parse(
                        "{\"kinds\":{\"azure.storage.blob\":\"/microsoft.storage\"}}"))
                .build(),
            BooksBridge.application());
    assertThatThrownBy(
            () ->
                misrouted.blob(
                    ConformanceCorpus.get(CREATED).inputText().getBytes(UTF_8),
                    "file1.txt",
                    "https://myaccount.blob.core.windows.net/testcontainer/file1.txt",
                    context))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("HTTP 403");
    assertThat(BooksBridge.books()).isZero();
  }

  /**
   * The recorded BlobDeleted event is for a different blob than the recorded BlobCreated, so the
   * delete of the uploaded blob is derived from the upload: type BlobDeleted, its own event id.
   */
  private static String deleteOfTheUpload() {
    JsonObject e =
        JsonParser.parseString(ConformanceCorpus.get(CREATED).inputText())
            .getAsJsonArray()
            .get(0)
            .getAsJsonObject();
    e.addProperty("eventType", "Microsoft.Storage.BlobDeleted");
    e.addProperty("id", e.get("id").getAsString() + "-deleted");
    e.getAsJsonObject("data").addProperty("api", "DeleteBlob");
    return e.toString();
  }

  private HttpResponseMessage http(HttpMethod method, String path, String body) {
    Map<String, String> headers =
        body == null ? Map.of() : Map.of("Content-Type", "application/json");
    return functions.books(new FunctionsHttpRequest(method, path, headers, body), context);
  }

  private static ExecutionContext context() {
    ExecutionContext c = mock(ExecutionContext.class);
    when(c.getLogger()).thenReturn(Logger.getLogger("books-azure-test"));
    when(c.getInvocationId()).thenReturn("inv-1");
    when(c.getFunctionName()).thenReturn("blobs");
    return c;
  }
}
