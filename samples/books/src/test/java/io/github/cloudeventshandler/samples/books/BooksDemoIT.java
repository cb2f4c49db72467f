package io.github.cloudeventshandler.samples.books;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's demo ({@link BooksDemo}), each run in a fresh JVM as {@code exec:java} runs it: the
 * same output twice in a row (no timings, no hash-order, nothing random), with every outcome on its
 * line and one log format on stderr.
 */
@Timeout(300)
class BooksDemoIT {

  @Test
  void theDemoPrintsTheSameOutcomesEveryTime() throws Exception {
    Run first = run();
    Run second = run();
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(second.out()).as("the second run's stdout").isEqualTo(first.out());
    assertThat(second.err()).as("the second run's stderr").isEqualTo(first.err());

    List<String> lines = first.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("aws/s3/s3-put-java-libs  aws/lambda  aws.s3  /aws.s3  ok app=200  ")
        .contains("{\"results\":[\"CREATED\"]");
    assertThat(first.out())
        .contains(
            "gcp/storage/storage-cloudevent-input  gcp/cloudevents  google.cloud.storage"
                + "  /google.cloud.storage  ok app=200  {\"results\":[\"CREATED\"]")
        // the same upload again (legacy event, same id): the idempotency filter answers with the
        // first answer, without running the app, and says so
        .contains(
            "gcp/storage/storage-legacy-input  gcp/background  google.cloud.storage"
                + "  /google.cloud.storage  ok app=200 (CEH-Idempotency: replayed)"
                + "  {\"results\":[\"CREATED\"]")
        .contains(
            "azure/eventgrid/storage-blob-created  azure/eventgrid  azure.eventgrid"
                + "  /microsoft.storage  ok app=200  {\"results\":[\"CREATED\"]")
        .contains("  {\"results\":[\"NOTHING_TO_DELETE\"]")
        .contains(
            "aws/s3/s3-delete-sam  aws/lambda  aws.s3  /aws.s3  ok app=200  {\"results\":[\"DELETED\"]")
        .contains("6 event(s), 6 handled, 0 failed")
        .contains("GET /books -> 200")
        // corpus ids only: no file path
        .doesNotContain("../")
        .doesNotContain(".json");
    // the platform's reply for every event
    assertThat(lines.stream().filter(l -> l.startsWith("    reply: "))).hasSize(6);
    // S3 upload and delete cancel out; the GCP upload (twice, once a duplicate) and the Azure
    // upload remain
    assertThat(lines.get(lines.size() - 1))
        .contains("\"cloud\":\"gcp\"")
        .contains("\"cloud\":\"azure\"")
        .doesNotContain("\"cloud\":\"aws\"");
    // stderr: nothing, or lines in the one slf4j-simple format of the runner
    first
        .err()
        .lines()
        .forEach(l -> assertThat(l).matches("(TRACE|DEBUG|INFO|WARN|ERROR) \\S+ - .*"));
  }

  private record Run(int code, String out, String err) {}

  private static Run run() throws IOException, InterruptedException {
    // this JVM's classpath: the module's test classpath (failsafe's booter jar names it)
    String classpath = System.getProperty("java.class.path");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(List.of(java, "-cp", classpath, BooksDemo.class.getName()));
    pb.environment().keySet().removeIf(k -> k.startsWith("CEH_"));
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("the demo ends").isTrue();
    return new Run(p.exitValue(), out, err.join());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
