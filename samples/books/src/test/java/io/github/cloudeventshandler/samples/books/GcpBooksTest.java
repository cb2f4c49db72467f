package io.github.cloudeventshandler.samples.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.gcp.CloudEventsEntryPoint;
import io.github.cloudeventshandler.gcp.HttpEntryPoint;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The books app on Cloud Functions (gen2): the recorded {@code
 * google.cloud.storage.object.v1.finalized} CloudEvent through the real {@link
 * CloudEventsEntryPoint}; {@code GET /books} and the forged requests through the real {@link
 * HttpEntryPoint}.
 */
class GcpBooksTest {
  private static final String UPLOAD = "gcp/storage/storage-cloudevent-input";

  private final CloudEventsEntryPoint events =
      new CloudEventsEntryPoint(BooksBridge.configuration(), BooksBridge.application());
  private final HttpEntryPoint http =
      new HttpEntryPoint(BooksBridge.configuration(), BooksBridge.application());

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
    events.accept(upload());

    FunctionsHttpExchange.Response res = get("/books");
    assertThat(res.status()).isEqualTo(200);
    JsonArray books = JsonParser.parseString(res.bodyText()).getAsJsonArray();
    assertThat(books).hasSize(1);
    JsonObject book = books.get(0).getAsJsonObject();
    assertThat(book.get("cloud").getAsString()).isEqualTo("gcp");
    assertThat(book.get("bucket").getAsString()).isEqualTo("some-bucket");
    assertThat(book.get("key").getAsString()).isEqualTo("folder/Test.cs");
    assertThat(book.get("size").getAsLong()).isEqualTo(352);
    assertThat(book.get("etag").getAsString()).isEqualTo("CNHZkbuF/ugCEAE=");
    assertThat(book.get("time").getAsString()).isEqualTo("2020-09-29T11:32:00.123Z");
    assertThat(res.getHeaders().get("X-Correlation-Id")).isNotEmpty();
  }

  @Test
  void aRedeliveredEventStillMakesOneRow() {
    events.accept(upload());
    events.accept(upload());
    assertThat(BooksBridge.books()).isEqualTo(1);
    assertThat(BooksBridge.processedEvents()).isEqualTo(1);
  }

  @Test
  void concurrentDeliveriesOfTheSameEventMakeOneRowAndAllSucceed() throws Exception {
    // a gen2 instance serves concurrent requests; a retry can overlap the first attempt
    CloudEvent event = upload();
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  events.accept(event);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS); // none threw: every delivery was acknowledged
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(BooksBridge.books()).isEqualTo(1);
    assertThat(BooksBridge.processedEvents()).isEqualTo(1);
  }

  @Test
  void aDeleteRemovesTheRow() {
    events.accept(upload());
    assertThat(BooksBridge.books()).isEqualTo(1);

    events.accept(deleted());

    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isEqualTo(2);
  }

  @Test
  void theDatabaseFailingMakesTheEntryPointThrowAndWritesNothing() {
    BooksBridge.breakBooksTable();

    assertThatThrownBy(() -> events.accept(upload()))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("500");

    BooksBridge.restoreBooksTable();
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isZero();
    events.accept(upload()); // the platform's retry
    assertThat(BooksBridge.books()).isEqualTo(1);
  }

  @Test
  void forgedEventsOverPlainHttpAreRefused() throws IOException {
    for (String route : new String[] {"/aws.s3", "/google.cloud.storage"}) {
      FunctionsHttpExchange.Request req =
          FunctionsHttpExchange.request(
                  "POST", route, new String(dataOf(upload()), StandardCharsets.UTF_8))
              .header("Content-Type", "application/json");
      FunctionsHttpExchange.Response res = new FunctionsHttpExchange.Response();
      http.service(req, res);
      assertThat(res.status()).as(route).isEqualTo(403);
      assertThat(res.bodyText()).contains("forbidden");
    }
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isZero();
  }

  @Test
  void cloudEventsPostedToThePublicUrlAreNotPlatformEvents() throws IOException {
    // the recorded binary-mode storage event, replayed by anyone who knows the function's URL
    ConformanceCase recorded = ConformanceCorpus.get("gcp/storage/binary-storage-simple");
    ConformanceCase.Transport t = recorded.transport().orElseThrow();
    FunctionsHttpExchange.Request storage =
        FunctionsHttpExchange.request(t.method(), t.path(), recorded.inputText());
    t.headers().fields().forEach(f -> storage.header(f.getKey(), f.getValue()));
    // and a made-up CloudEvent whose source claims S3: routed to /unverified/aws.s3, which the
    // app does not serve (before issue 10 it reached /aws.s3 and only the filter stopped it)
    FunctionsHttpExchange.Request s3 =
        FunctionsHttpExchange.request(
                "POST", "/", ConformanceCorpus.get("aws/s3/s3-put-sam").inputText())
            .header("ce-specversion", "1.0")
            .header("ce-id", "forged-1")
            .header("ce-source", "aws.s3")
            .header("ce-type", "com.amazonaws.s3.ObjectCreated:Put")
            .header("Content-Type", "application/json");
    FunctionsHttpExchange.Response refused = new FunctionsHttpExchange.Response();
    http.service(storage, refused);
    assertThat(refused.status()).isEqualTo(403);
    FunctionsHttpExchange.Response unserved = new FunctionsHttpExchange.Response();
    http.service(s3, unserved);
    assertThat(unserved.status()).isEqualTo(404);
    assertThat(BooksBridge.books()).isZero();
    assertThat(BooksBridge.processedEvents()).isZero();
  }

  private FunctionsHttpExchange.Response get(String path) throws IOException {
    FunctionsHttpExchange.Response res = new FunctionsHttpExchange.Response();
    http.service(FunctionsHttpExchange.request("GET", path, null), res);
    return res;
  }

  /** The recorded structured CloudEvent, parsed as the Functions Framework would. */
  static CloudEvent upload() {
    JsonObject e =
        JsonParser.parseString(ConformanceCorpus.get(UPLOAD).inputText()).getAsJsonObject();
    return CloudEventBuilder.v1()
        .withId(e.get("id").getAsString())
        .withSource(URI.create(e.get("source").getAsString()))
        .withType(e.get("type").getAsString())
        .withSubject(e.get("subject").getAsString())
        .withTime(OffsetDateTime.parse(e.get("time").getAsString()))
        .withDataContentType(e.get("datacontenttype").getAsString())
        .withData(e.get("data").toString().getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /**
   * The corpus has no recorded {@code object.v1.deleted} event: this one is derived from the
   * upload, with the deleted type and its own event id, as Cloud Storage sends it for the same
   * object.
   */
  private static CloudEvent deleted() {
    CloudEvent up = upload();
    return CloudEventBuilder.v1(up)
        .withType("google.cloud.storage.object.v1.deleted")
        .withId(up.getId() + "-deleted")
        .build();
  }

  private static byte[] dataOf(CloudEvent e) {
    return e.getData().toBytes();
  }
}
