package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deployable itself: {@code target/hello-lambda.jar} (the shaded jar, trimmed) run by the real
 * Lambda runtime interface client against the aws module's loopback {@link FakeRuntimeApi}, with
 * nothing else of the project on the class path. An S3 put, an SQS message and an HTTP API request
 * reach {@code HelloServlet}; the cold start preloads every class of its list, so a class the jar
 * lost that the start or the first events need would show as {@code missing}. In the {@code aws}
 * package to reuse the harness (the aws module's test jar).
 */
class HelloLambdaJarIT {
  private static final Duration EACH = Duration.ofSeconds(30);
  private static final String HANDLER = LambdaHandler.class.getName() + "::handleRequest";

  /** Issue 11's size target for this jar. */
  private static final long MAX_BYTES = 4_000_000;

  @Test
  void theJarStaysWithinFourMegabytes() throws Exception {
    Path jar = Path.of(System.getProperty("runtimeClient.classes"));
    assertThat(Files.size(jar))
        .as("%s: trim what the jar does not need (see README.md, Size)", jar)
        .isLessThanOrEqualTo(MAX_BYTES);
  }

  @Test
  @Timeout(90)
  void theShadedJarAnswersS3SqsAndHttpApiEventsInTheRealRuntimeClient() throws Exception {
    // the sample logs at WARN; the handler's init line (INFO) says what the preloading found
    Map<String, String> env =
        Map.of(
            "CEH_APPLICATION",
            "io.github.cloudeventshandler.samples.hello.HelloServlet",
            "CEH_PRELOAD",
            "true",
            "JAVA_TOOL_OPTIONS",
            "-Dorg.slf4j.simpleLogger.log.io.github.cloudeventshandler.aws=info");
    try (FakeRuntimeApi api = new FakeRuntimeApi();
        RuntimeClientProcess ric = RuntimeClientProcess.start(HANDLER, api.address(), env)) {
      try {
        var s3 =
            api.await(api.invoke("req-s3", event("aws/s3/s3-put-java-libs")), EACH, ric.process());
        assertThat(s3.error()).as(s3.body()).isFalse();
        JsonObject s3Reply = JsonParser.parseString(s3.body()).getAsJsonObject();
        assertThat(s3Reply.get("statusCode").getAsInt()).isEqualTo(200);
        assertThat(s3Reply.get("body").getAsString())
            .contains("\"path\":\"/aws.s3\"", "\"ce-type\":\"com.amazonaws.s3.ObjectCreated:Put\"");

        var sqs =
            api.await(api.invoke("req-sqs", event("aws/sqs/sqs-json-body")), EACH, ric.process());
        assertThat(sqs.body()).isEqualTo("{\"batchItemFailures\":[]}");

        var http =
            api.await(
                api.invoke("req-http", event("aws/apigateway/http-api-v2")), EACH, ric.process());
        JsonObject httpReply = JsonParser.parseString(http.body()).getAsJsonObject();
        assertThat(httpReply.get("statusCode").getAsInt()).isEqualTo(200);
        assertThat(httpReply.get("body").getAsString()).contains("\"path\":\"/my/path\"");

        Matcher ready =
            Pattern.compile("Result\\[loaded=(\\d+), missing=(\\d+)")
                .matcher(Files.readString(ric.log));
        assertThat(ready.find()).as("the handler's init log line").isTrue();
        assertThat(Integer.parseInt(ready.group(1))).isGreaterThan(500);
        assertThat(Integer.parseInt(ready.group(2))).as("listed classes not in the jar").isZero();
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n--- runtime client log ---\n" + ric.tail(), e);
      }
    }
  }

  private static String event(String id) {
    return ConformanceCorpus.get(id).inputText();
  }
}
