package io.github.cloudeventshandler.samples.books;

import io.github.cloudeventshandler.runner.Runner;
import java.util.List;

/**
 * The README's demo ({@code mvn -q -f samples/books exec:java}): the local runner replays recorded
 * S3, Cloud Storage and Event Grid uploads and deletes, each through its cloud's real entry point,
 * into {@link BooksApp}, then prints {@code GET /books}. Every event is a conformance corpus id;
 * the recorded Event Grid upload is a webhook delivery, sent here through the Event Grid trigger
 * ({@code @azure/eventgrid}), as the deployed {@code BooksFunctions.blobs} receives it. {@code
 * BooksDemoIT} runs it twice and expects the same output.
 */
public final class BooksDemo {
  /** The runner's arguments. */
  static final List<String> ARGS =
      List.of(
          "replay",
          "--app",
          BooksApp.class.getName(),
          "aws/s3/s3-put-java-libs",
          "gcp/storage/storage-cloudevent-input",
          "gcp/storage/storage-legacy-input",
          "azure/eventgrid/storage-blob-created@azure/eventgrid",
          "azure/eventgrid/storage-blob-deleted",
          "aws/s3/s3-delete-sam",
          "--then-get",
          "/books");

  private BooksDemo() {}

  /** Runs the demo and exits with the runner's exit code. */
  public static void main(String[] args) {
    Runner.main(ARGS.toArray(String[]::new));
  }
}
