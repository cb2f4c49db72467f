package io.github.cloudeventshandler.samples.books;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.testing.AzureInvoker;
import io.github.cloudeventshandler.testing.EventGridEvents;
import io.github.cloudeventshandler.testing.LocalCloud;
import io.github.cloudeventshandler.testing.PlatformReply;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The books app on Azure Functions, through the test kit: Event Grid blob events through {@link
 * BooksFunctions#blobs} (the {@code @EventGridTrigger}), {@code GET /books} and the forged requests
 * through {@link BooksFunctions#books} (the HTTP trigger), both delegating to the real {@link
 * AzureEventHandler} the kit made for the app it started.
 */
@ExtendWith(BooksDatabase.class)
class AzureBooksTest {
  @RegisterExtension static final LocalCloud cloud = LocalCloud.of(BooksApp.class);

  private final AzureInvoker azure = cloud.azure();
  private final BooksFunctions functions = new BooksFunctions(azure.handler());

  /** The recorded BlobCreated (Azure SDK test data), its own id. */
  private static final EventGridEvents.EventGridEvent CREATED =
      EventGridEvents.blobCreated("myaccount", "testcontainer", "file1.txt")
          .time(Instant.parse("2017-08-16T01:57:26.005121Z"));

  private PlatformReply blobs(EventGridEvents.EventGridEvent event) {
    return azure.invoke("blobs", ctx -> functions.blobs(event.toJson(), ctx));
  }

  private PlatformReply books(String method, String path, String body) {
    LocalAzureHttpRequest.Builder b = LocalAzureHttpRequest.builder(method, path);
    if (body == null) {
      return azure.http(b.noBody(), functions::books);
    }
    return azure.http(b.header("Content-Type", "application/json").body(body), functions::books);
  }

  @Test
  void anUploadRecordsTheBookAndGetBooksShowsIt() {
    assertThat(blobs(CREATED)).succeeded().routedTo("/microsoft.storage");

    PlatformReply res = books("GET", "/books", null);
    assertThat(res).hasStatus(200);
    JsonArray books = JsonParser.parseString(res.body().orElseThrow()).getAsJsonArray();
    assertThat(books).hasSize(1);
    JsonObject book = books.get(0).getAsJsonObject();
    assertThat(book.get("cloud").getAsString()).isEqualTo("azure");
    assertThat(book.get("bucket").getAsString()).isEqualTo("testcontainer");
    assertThat(book.get("key").getAsString()).isEqualTo("file1.txt");
    assertThat(book.get("size").getAsLong()).isEqualTo(447);
    assertThat(book.get("etag").getAsString()).isEqualTo("0x8D4E44A24ABE7F1");
    assertThat(book.get("time").getAsString()).isEqualTo("2017-08-16T01:57:26.005121Z");

    assertThat(books("DELETE", "/books/" + book.get("id").getAsLong(), null)).hasStatus(204);
    assertThat(BooksDatabase.books()).isZero();
  }

  @Test
  void aRedeliveredEventStillMakesOneRow() {
    assertThat(blobs(CREATED)).succeeded();
    assertThat(blobs(CREATED)).succeeded();
    assertThat(BooksDatabase.books()).isEqualTo(1);
    assertThat(BooksDatabase.processedEvents()).isEqualTo(1);
  }

  @Test
  void aDeleteRemovesTheRow() {
    blobs(CREATED);
    // a BlobDeleted of another blob: handled, nothing to remove
    assertThat(blobs(EventGridEvents.blobDeleted("myaccount", "testcontainer", "testfile.txt")))
        .succeeded();
    assertThat(BooksDatabase.books()).isEqualTo(1);

    assertThat(blobs(EventGridEvents.blobDeleted("myaccount", "testcontainer", "file1.txt")))
        .succeeded();

    assertThat(BooksDatabase.books()).isZero();
    assertThat(BooksDatabase.processedEvents()).isEqualTo(3);
  }

  @Test
  void theDatabaseFailingMakesTheTriggerThrowAndWritesNothing() {
    BooksDatabase.breakBooksTable();

    assertThat(blobs(CREATED))
        .threw(DispatchException.class)
        .thrownException()
        .hasMessageContaining("500");

    BooksDatabase.restoreBooksTable();
    assertThat(BooksDatabase.books()).isZero();
    assertThat(BooksDatabase.processedEvents()).isZero();
    assertThat(blobs(CREATED)).succeeded(); // Event Grid retries
    assertThat(BooksDatabase.books()).isEqualTo(1);
  }

  @Test
  void forgedEventsOverTheHttpTriggerAreRefused() {
    for (String route : new String[] {"/aws.s3", "/microsoft.storage"}) {
      assertThat(books("POST", route, CREATED.toJson()))
          .as(route)
          .hasStatus(403)
          .body()
          .contains("forbidden");
    }
    assertThat(BooksDatabase.books()).isZero();
    assertThat(BooksDatabase.processedEvents()).isZero();
  }

  @Test
  void anEventGridDeliveryPostedToTheHttpTriggerIsNotAPlatformEvent() {
    LocalAzureHttpRequest<java.util.Optional<String>> webhook =
        LocalAzureHttpRequest.builder("POST", "/events")
            .header("aeg-event-type", "Notification")
            .header("aeg-subscription-name", "books")
            .header("Content-Type", "application/json")
            .body("[" + CREATED.toJson() + "]");
    assertThat(azure.http(webhook, functions::books)).failed();
    assertThat(BooksDatabase.books()).isZero();
    assertThat(BooksDatabase.processedEvents()).isZero();
  }

  @Test
  void aCustomTopicPublishingBlobCreatedCreatesNoBook() {
    // issue 10: anyone who can publish to a custom topic chooses the event type; the topic says
    // the event is not the storage account's, so it is not routed to /microsoft.storage
    EventGridEvents.EventGridEvent custom =
        CREATED.topic(
            "/subscriptions/319a9601-1ec0-0000-aebc-8fe82724c81e/resourceGroups/testrg"
                + "/providers/Microsoft.EventGrid/topics/orders");
    assertThat(blobs(custom))
        .threw(DispatchException.class)
        .thrownException()
        .hasMessageContaining("/unverified/microsoft.storage");
    assertThat(BooksDatabase.books()).isZero();
    assertThat(BooksDatabase.processedEvents()).isZero();
  }

  @Test
  void anEventOfAnotherKindRoutedToTheStorageRouteIsRefusedByItsGuard() {
    // a route override sends Blob trigger events to /microsoft.storage, which accepts only
    // Event Grid events: the filter answers 403 before the controller sees the request
    try (LocalCloud misrouted =
        LocalCloud.of(cloud.application())
            .setting("CEH_ROUTES", "{\"kinds\":{\"azure.storage.blob\":\"/microsoft.storage\"}}")
            .start()) {
      byte[] content = CREATED.toJson().getBytes(StandardCharsets.UTF_8);
      PlatformReply reply =
          misrouted
              .azure()
              .invoke(
                  "blob",
                  ctx ->
                      misrouted
                          .azure()
                          .handler()
                          .blob(
                              content,
                              "file1.txt",
                              "https://myaccount.blob.core.windows.net/testcontainer/file1.txt",
                              ctx));
      assertThat(reply)
          .threw(DispatchException.class)
          .thrownException()
          .hasMessageContaining("HTTP 403");
    }
    assertThat(BooksDatabase.books()).isZero();
  }
}
