package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cold start of the real books app (Spring Boot + H2) through the zero-code {@link LambdaHandler}
 * in the real Lambda runtime interface client, against the aws module's loopback {@link
 * FakeRuntimeApi}: from launching the JVM to the recorded S3 upload's result being posted, five
 * times, each in a fresh process. Writes {@code target/cold-start.txt}; the figures in {@code
 * docs/performance.md} come from it. In the {@code aws} package to reuse the harness (the aws
 * module's test jar). Opt-in, to keep the module's suite fast: {@code mvn -pl samples/books -am
 * verify -Dbooks.coldStart=true}.
 */
class BooksColdStartIT {
  private static final int RUNS = 5;
  private static final Duration EACH = Duration.ofSeconds(60);
  private static final String HANDLER = LambdaHandler.class.getName() + "::handleRequest";

  @Test
  @Timeout(400)
  void theBooksAppAnswersItsFirstS3EventInTheRealRuntimeClient() throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("books.coldStart"),
        "five JVM launches: run with -Dbooks.coldStart=true (kept out of the default suite)");
    String upload = ConformanceCorpus.get("aws/s3/s3-put-sam").inputText();
    Map<String, String> env = new java.util.HashMap<>();
    env.put("CEH_APPLICATION", "io.github.cloudeventshandler.samples.books.BooksApp");
    // -Dbooks.coldStart.env=CEH_PRELOAD=false;JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1 (an A/B)
    for (String pair : System.getProperty("books.coldStart.env", "").split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    List<Long> launchToFirstResponse = new ArrayList<>();
    List<Long> launchToInitDone = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      try (FakeRuntimeApi api = new FakeRuntimeApi()) {
        var first = api.invoke("cold-" + i, upload);
        long t0 = System.nanoTime();
        try (RuntimeClientProcess ric = RuntimeClientProcess.start(HANDLER, api.address(), env)) {
          try {
            var posted = api.await(first, EACH, ric.process());
            long t1 = System.nanoTime();
            assertThat(posted.error()).as(posted.body()).isFalse();
            JsonObject reply = JsonParser.parseString(posted.body()).getAsJsonObject();
            assertThat(reply.get("statusCode").getAsInt()).isEqualTo(200);
            assertThat(reply.get("body").getAsString()).contains("CREATED");
            launchToFirstResponse.add((t1 - t0) / 1_000_000);
            launchToInitDone.add((api.firstNext().get() - t0) / 1_000_000);
          } catch (AssertionError e) {
            throw new AssertionError(
                e.getMessage() + "\n--- runtime client log ---\n" + ric.tail(), e);
          }
        }
      }
    }
    String report =
        "runs="
            + RUNS
            + " launchToFirstResponseMs="
            + launchToFirstResponse
            + " median="
            + median(launchToFirstResponse)
            + " launchToFirstNextMs="
            + launchToInitDone
            + " median="
            + median(launchToInitDone)
            + " cores="
            + Runtime.getRuntime().availableProcessors()
            + " java="
            + System.getProperty("java.version")
            + " env="
            + env
            + "\n";
    Files.writeString(Path.of("target/cold-start.txt"), report, StandardCharsets.UTF_8);
    System.out.print("books cold start: " + report);
    assertThat(launchToFirstResponse).hasSize(RUNS);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
