package io.github.cloudeventshandler.samples.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.aws.LambdaHandler;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.idempotency.IdempotencyFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The books app on AWS Lambda: recorded S3 events through the real {@link LambdaHandler} into the
 * app started by the bridge; {@code GET /books} and the forged request through the same handler as
 * API Gateway HTTP API (v2) events.
 */
class AwsBooksTest {
  private static final String PUT = "aws/s3/s3-put-sam";
  private static final String DELETE = "aws/s3/s3-delete-sam";
  private static final String SQS = "aws/sqs/sqs-json-body";

  private final LambdaHandler handler =
      new LambdaHandler(BooksBridge.configuration(), BooksBridge.application());

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
  void anUploadRecordsTheBookAndGetBooksShowsIt() throws IOException {
    JsonObject reply = invoke(ConformanceCorpus.get(PUT).input());
    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(200);

    JsonObject list = invoke(http("GET", "/books", null));
    assertThat(list.get("statusCode").getAsInt()).isEqualTo(200);
    JsonArray books = JsonParser.parseString(list.get("body").getAsString()).getAsJsonArray();
    assertThat(books).hasSize(1);
    JsonObject book = books.get(0).getAsJsonObject();
    assertThat(book.get("cloud").getAsString()).isEqualTo("aws");
    assertThat(book.get("bucket").getAsString()).isEqualTo("example-bucket");
    assertThat(book.get("key").getAsString()).isEqualTo("test/key");
    assertThat(book.get("size").getAsLong()).isEqualTo(1024);
    assertThat(book.get("etag").getAsString()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(book.get("time").getAsString()).isEqualTo("1970-01-01T00:00:00.000Z");

    JsonObject one = invoke(http("GET", "/books/" + book.get("id").getAsLong(), null));
    assertThat(one.get("statusCode").getAsInt()).isEqualTo(200);
    assertThat(one.get("body").getAsString()).contains("\"key\":\"test/key\"");
  }

  @Test
  void theEventRunsThroughTheAppsFilterChain() throws IOException {
    JsonObject reply = invoke(ConformanceCorpus.get(PUT).input());
    // the S3 CloudEvent id (request id + id-2) came back from the app's CorrelationFilter
    assertThat(reply.getAsJsonObject("headers").get("X-Correlation-Id").getAsString())
        .isEqualTo(
            "EXAMPLE123456789.EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH");
  }

  @Test
  void aRedeliveredUploadStillMakesOneRow() throws IOException {
    JsonObject first = invoke(ConformanceCorpus.get(PUT).input());
    JsonObject again = invoke(ConformanceCorpus.get(PUT).input());
    assertThat(again.get("statusCode").getAsInt()).isEqualTo(200);
    // the idempotency filter replays the first answer; the app does not run again
    assertThat(again.get("body").getAsString())
        .isEqualTo(first.get("body").getAsString())
        .contains("CREATED");
    assertThat(again.getAsJsonObject("headers").get(IdempotencyFilter.HEADER).getAsString())
        .isEqualTo(IdempotencyFilter.REPLAYED);
    assertThat(BooksBridge.books()).isEqualTo(1);
    assertThat(BooksBridge.processedEvents()).isEqualTo(1);
  }

  @Test
  void aDeleteRemovesTheRow() throws IOException {
    invoke(ConformanceCorpus.get(PUT).input());
    assertThat(BooksBridge.books()).isEqualTo(1);

    JsonObject reply = invoke(deleteEvent());

    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(200);
    assertThat(reply.get("body").getAsString()).contains("DELETED");
    assertThat(BooksBridge.books()).isZero();
  }

  @Test
  void theDatabaseFailingMakesTheHandlerThrowAndWritesNothing() throws IOException {
    BooksBridge.breakBooksTable();

    assertThatThrownBy(() -> invoke(ConformanceCorpus.get(PUT).input()))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("/aws.s3")
        .hasMessageContaining("500");

    BooksBridge.restoreBooksTable();
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).as("rolled back with the book").isZero();
    // Lambda's retry then succeeds: the event was not marked processed
    invoke(ConformanceCorpus.get(PUT).input());
    assertThat(BooksBridge.books()).isEqualTo(1);
  }

  @Test
  void anSqsRecordCarryingTheS3EventIsReportedWhenTheDatabaseFails() throws IOException {
    byte[] sqs = sqsCarrying(ConformanceCorpus.get(PUT).inputText());
    String messageId = "d9144555-9a4f-4ec3-99a0-34ce359b4b54";
    BooksBridge.breakBooksTable();

    JsonObject failed = invoke(sqs);

    assertThat(failed.getAsJsonArray("batchItemFailures")).hasSize(1);
    assertThat(
            failed
                .getAsJsonArray("batchItemFailures")
                .get(0)
                .getAsJsonObject()
                .get("itemIdentifier")
                .getAsString())
        .isEqualTo(messageId);
    BooksBridge.restoreBooksTable();
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isZero();

    JsonObject ok = invoke(sqs);
    assertThat(ok.getAsJsonArray("batchItemFailures")).isEmpty();
    assertThat(BooksBridge.books()).isEqualTo(1);
    invoke(sqs); // SQS redelivers the same message
    assertThat(BooksBridge.books()).isEqualTo(1);
    assertThat(BooksBridge.processedEvents()).isEqualTo(1);
  }

  @Test
  void aForgedS3EventOverTheHttpApiIsRefused() throws IOException {
    JsonObject reply = invoke(http("POST", "/aws.s3", ConformanceCorpus.get(PUT).inputText()));

    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(403);
    assertThat(reply.get("body").getAsString()).contains("forbidden").contains("platformEvent");
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isZero();
  }

  @Test
  void aForgedS3EventOverTheRestApiIsRefused() throws IOException {
    // the recorded REST API (v1) proxy request, aimed at the event route with an S3 body
    JsonObject e =
        JsonParser.parseString(ConformanceCorpus.get("aws/apigateway/rest-proxy-post").inputText())
            .getAsJsonObject();
    e.addProperty("path", "/aws.s3");
    e.addProperty("body", ConformanceCorpus.get(PUT).inputText());
    e.remove("queryStringParameters");
    e.remove("multiValueQueryStringParameters");

    JsonObject reply = invoke(e.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(403);
    assertThat(BooksBridge.books()).isZero();
  }

  /**
   * The recorded delete. SAM renders its put and delete examples with the same {@code
   * x-amz-request-id} and {@code x-amz-id-2}, so both map to the same CloudEvent id, which two real
   * S3 operations never share; the delete is therefore given its own request id here.
   */
  private static byte[] deleteEvent() {
    JsonObject e =
        JsonParser.parseString(ConformanceCorpus.get(DELETE).inputText()).getAsJsonObject();
    e.getAsJsonArray("Records")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("responseElements")
        .addProperty("x-amz-request-id", "DELETE123456789");
    return e.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The recorded SQS event with the S3 notification as its message body (S3 → SQS → Lambda). */
  private static byte[] sqsCarrying(String s3Event) {
    JsonObject e = JsonParser.parseString(ConformanceCorpus.get(SQS).inputText()).getAsJsonObject();
    e.getAsJsonArray("Records").get(0).getAsJsonObject().addProperty("body", s3Event);
    return e.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An API Gateway HTTP API (payload 2.0) request event. */
  static byte[] http(String method, String path, String body) {
    JsonObject e = new JsonObject();
    e.addProperty("version", "2.0");
    e.addProperty("routeKey", "$default");
    e.addProperty("rawPath", path);
    e.addProperty("rawQueryString", "");
    JsonObject headers = new JsonObject();
    headers.addProperty("accept", "application/json");
    if (body != null) {
      headers.addProperty("content-type", "application/json");
    }
    e.add("headers", headers);
    JsonObject ctx = new JsonObject();
    ctx.addProperty("domainName", "books.execute-api.eu-west-1.amazonaws.com");
    ctx.addProperty("requestId", "api-request-1");
    ctx.addProperty("stage", "$default");
    JsonObject http = new JsonObject();
    http.addProperty("method", method);
    http.addProperty("path", path);
    http.addProperty("protocol", "HTTP/1.1");
    http.addProperty("sourceIp", "203.0.113.9");
    ctx.add("http", http);
    e.add("requestContext", ctx);
    if (body != null) {
      e.addProperty("body", body);
    }
    e.addProperty("isBase64Encoded", false);
    return e.toString().getBytes(StandardCharsets.UTF_8);
  }

  private JsonObject invoke(byte[] event) throws IOException {
    Context context = mock(Context.class);
    when(context.getRemainingTimeInMillis()).thenReturn(30_000);
    when(context.getAwsRequestId()).thenReturn("lambda-request-1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
    return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
  }
}
