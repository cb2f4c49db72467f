package io.github.cloudeventshandler.samples.books;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.aws.LambdaHandler;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.idempotency.IdempotencyFilter;
import io.github.cloudeventshandler.testing.ApiGatewayEvents;
import io.github.cloudeventshandler.testing.LambdaInvoker;
import io.github.cloudeventshandler.testing.LocalCloud;
import io.github.cloudeventshandler.testing.PlatformReply;
import io.github.cloudeventshandler.testing.S3Events;
import io.github.cloudeventshandler.testing.SqsEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The books app on AWS Lambda, through the test kit: S3 events (and S3 events carried by SQS)
 * through the real {@link LambdaHandler} into the app the kit starts for this class; {@code GET
 * /books} and the forged requests through the same handler as API Gateway events.
 */
@ExtendWith(BooksDatabase.class)
class AwsBooksTest {
  @RegisterExtension static final LocalCloud cloud = LocalCloud.of(BooksApp.class);

  private final LambdaInvoker lambda = cloud.lambda();

  /** The upload of SAM's example event, with its own ids. */
  private static final S3Events.S3Event UPLOAD =
      S3Events.put("example-bucket", "test/key")
          .size(1024)
          .eTag("0123456789abcdef0123456789abcdef")
          .time(Instant.EPOCH);

  @Test
  void anUploadRecordsTheBookAndGetBooksShowsIt() {
    assertThat(lambda.send(UPLOAD)).succeeded().routedTo("/aws.s3");

    PlatformReply list = lambda.send(ApiGatewayEvents.httpApi("GET", "/books"));
    assertThat(list).hasStatus(200);
    JsonArray books = JsonParser.parseString(list.body().orElseThrow()).getAsJsonArray();
    assertThat(books).hasSize(1);
    JsonObject book = books.get(0).getAsJsonObject();
    assertThat(book.get("cloud").getAsString()).isEqualTo("aws");
    assertThat(book.get("bucket").getAsString()).isEqualTo("example-bucket");
    assertThat(book.get("key").getAsString()).isEqualTo("test/key");
    assertThat(book.get("size").getAsLong()).isEqualTo(1024);
    assertThat(book.get("etag").getAsString()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(book.get("time").getAsString()).isEqualTo("1970-01-01T00:00:00.000Z");

    PlatformReply one =
        lambda.send(ApiGatewayEvents.httpApi("GET", "/books/" + book.get("id").getAsLong()));
    assertThat(one).hasStatus(200).body().contains("\"key\":\"test/key\"");
  }

  @Test
  void aKeyWithSpacesIsStoredDecoded() {
    // S3 writes "my book (2).pdf" as "my+book+%282%29.pdf" in the notification
    assertThat(lambda.send(S3Events.put("example-bucket", "shelf/my book (2).pdf"))).succeeded();
    assertThat(lambda.send(ApiGatewayEvents.httpApi("GET", "/books")))
        .body()
        .contains("\"key\":\"shelf/my book (2).pdf\"");
  }

  @Test
  void theEventRunsThroughTheAppsFilterChain() {
    // the S3 CloudEvent id (request id + id-2) came back from the app's CorrelationFilter
    assertThat(lambda.send(UPLOAD)).header("X-Correlation-Id").isEqualTo(UPLOAD.cloudEventId());
  }

  @Test
  void aRedeliveredUploadStillMakesOneRow() {
    PlatformReply first = lambda.send(UPLOAD);
    PlatformReply again = lambda.send(UPLOAD);
    // the idempotency filter replays the first answer; the app does not run again
    assertThat(again).succeeded().body().isEqualTo(first.body().orElseThrow()).contains("CREATED");
    assertThat(again).header(IdempotencyFilter.HEADER).isEqualTo(IdempotencyFilter.REPLAYED);
    assertThat(BooksDatabase.books()).isEqualTo(1);
    assertThat(BooksDatabase.processedEvents()).isEqualTo(1);
  }

  @Test
  void aDeleteRemovesTheRow() {
    lambda.send(UPLOAD);
    assertThat(BooksDatabase.books()).isEqualTo(1);

    PlatformReply reply = lambda.send(S3Events.delete("example-bucket", "test/key"));

    assertThat(reply).succeeded().body().contains("DELETED");
    assertThat(BooksDatabase.books()).isZero();
  }

  @Test
  void theDatabaseFailingMakesTheHandlerThrowAndWritesNothing() {
    BooksDatabase.breakBooksTable();

    assertThat(lambda.send(UPLOAD))
        .threw(DispatchException.class)
        .thrownException()
        .hasMessageContaining("/aws.s3")
        .hasMessageContaining("500");

    BooksDatabase.restoreBooksTable();
    assertThat(BooksDatabase.books()).isZero();
    assertThat(BooksDatabase.processedEvents()).as("rolled back with the book").isZero();
    // Lambda's retry then succeeds: the event was not marked processed
    assertThat(lambda.send(UPLOAD)).succeeded();
    assertThat(BooksDatabase.books()).isEqualTo(1);
  }

  @Test
  void anSqsRecordCarryingTheS3EventIsReportedWhenTheDatabaseFails() {
    SqsEvents.SqsMessage message = SqsEvents.message(UPLOAD.toJson());
    SqsEvents.SqsBatch sqs = SqsEvents.batch(message);
    BooksDatabase.breakBooksTable();

    assertThat(lambda.send(sqs)).batchItemFailures().containsExactly(message.messageId());

    BooksDatabase.restoreBooksTable();
    assertThat(BooksDatabase.books()).isZero();
    assertThat(BooksDatabase.processedEvents()).isZero();

    assertThat(lambda.send(sqs)).succeeded();
    assertThat(BooksDatabase.books()).isEqualTo(1);
    assertThat(lambda.send(sqs)).succeeded(); // SQS redelivers the same message
    assertThat(BooksDatabase.books()).isEqualTo(1);
    assertThat(BooksDatabase.processedEvents()).isEqualTo(1);
  }

  @Test
  void aForgedS3EventOverTheHttpApiIsRefused() {
    PlatformReply reply =
        lambda.send(
            ApiGatewayEvents.httpApi("POST", "/aws.s3")
                .header("Content-Type", "application/json")
                .body(UPLOAD.toJson()));

    assertThat(reply).hasStatus(403).body().contains("forbidden").contains("platformEvent");
    assertThat(BooksDatabase.books()).isZero();
    assertThat(BooksDatabase.processedEvents()).isZero();
  }

  @Test
  void aForgedS3EventOverTheRestApiIsRefused() {
    PlatformReply reply =
        lambda.send(
            ApiGatewayEvents.restApi("POST", "/aws.s3")
                .header("Content-Type", "application/json")
                .body(UPLOAD.toJson()));

    assertThat(reply).hasStatus(403);
    assertThat(BooksDatabase.books()).isZero();
  }
}
