package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real AWS Lambda runtime interface client (2.9.0, with its native JNI part) in its own JVM,
 * the handler given by name as on Lambda, against a Runtime API served on loopback by {@link
 * FakeRuntimeApi}. Each test starts one client process and kills it in {@code finally}.
 */
class LambdaRuntimeIT {
  private static final Duration EACH = Duration.ofSeconds(30);
  private static final String HANDLER = "io.github.cloudeventshandler.aws.LambdaHandler";

  @Test
  @Timeout(60)
  void theRuntimeClientRunsAStreamHandlerAgainstTheFakeApi() throws Exception {
    try (FakeRuntimeApi api = new FakeRuntimeApi();
        RuntimeClientProcess ric =
            RuntimeClientProcess.start(
                EchoStreamHandler.class.getName() + "::handleRequest", api.address(), Map.of())) {
      try {
        var ok = api.await(api.invoke("req-echo-1", "{\"hello\":\"world\"}"), EACH, ric.process());
        assertThat(ok.error()).isFalse();
        JsonObject reply = json(ok.body());
        assertThat(reply.get("requestId").getAsString()).isEqualTo("req-echo-1");
        assertThat(reply.get("functionArn").getAsString())
            .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:runtime-it");
        assertThat(reply.get("functionName").getAsString()).isEqualTo("runtime-it");
        assertThat(reply.get("remainingPositive").getAsBoolean()).isTrue();
        assertThat(reply.get("inputBytes").getAsInt()).isEqualTo(17);

        var failed = api.await(api.invoke("req-echo-2", "\"fail\""), EACH, ric.process());
        assertThat(failed.error()).isTrue();
        assertThat(json(failed.body()).get("errorType").getAsString())
            .isEqualTo("java.lang.IllegalStateException");
        assertThat(json(failed.body()).get("errorMessage").getAsString())
            .isEqualTo("asked to fail");

        // the client goes on after an error and waits on /next, which the fake API holds open
        var again = api.await(api.invoke("req-echo-3", "[]"), EACH, ric.process());
        assertThat(json(again.body()).get("inputBytes").getAsInt()).isEqualTo(2);
        Thread.sleep(300);
        assertThat(ric.process().isAlive()).as("client alive while /next is held").isTrue();
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n--- runtime client log ---\n" + ric.tail(), e);
      }
    }
  }

  @Test
  @Timeout(60)
  void lambdaHandlerAnswersS3SqsAndHttpApiEventsInTheRealRuntime() throws Exception {
    Assumptions.assumeTrue(
        zeroCodeHandlerPresent(),
        HANDLER + " with a no-argument constructor is not on this branch yet");
    // CEH_PRELOAD=true: the client runs as a 512 MB function, where "auto" would not preload
    Map<String, String> env =
        Map.of("CEH_APPLICATION", RuntimeProbeServlet.class.getName(), "CEH_PRELOAD", "true");
    long launched = System.nanoTime();
    try (FakeRuntimeApi api = new FakeRuntimeApi();
        RuntimeClientProcess ric =
            RuntimeClientProcess.start(HANDLER + "::handleRequest", api.address(), env)) {
      try {
        var s3 = api.await(api.invoke("req-s3", S3_PUT), EACH, ric.process());
        // informational (not a benchmark): process launch to the first posted response
        System.out.printf(
            "LambdaRuntimeIT: launch to first /next %d ms, to first posted response %d ms%n",
            (api.firstNext().getNow(launched) - launched) / 1_000_000,
            (System.nanoTime() - launched) / 1_000_000);
        assertThat(s3.error()).as(s3.body()).isFalse();
        JsonObject s3Reply = json(s3.body());
        assertThat(s3Reply.get("statusCode").getAsInt()).isEqualTo(200);
        assertThat(s3Reply.get("body").getAsString()).isEqualTo("{\"stored\":\"books/dune.json\"}");

        var sqs = api.await(api.invoke("req-sqs", SQS_BATCH), EACH, ric.process());
        assertThat(sqs.error()).as(sqs.body()).isFalse();
        List<String> failures =
            StreamSupport.stream(
                    json(sqs.body()).getAsJsonArray("batchItemFailures").spliterator(), false)
                .map(f -> f.getAsJsonObject().get("itemIdentifier").getAsString())
                .toList();
        assertThat(failures).containsExactly("msg-2", "msg-4");

        var http = api.await(api.invoke("req-http", HTTP_API), EACH, ric.process());
        assertThat(http.error()).as(http.body()).isFalse();
        JsonObject httpReply = json(http.body());
        assertThat(httpReply.get("statusCode").getAsInt()).isEqualTo(201);
        assertThat(httpReply.get("body").getAsString()).isEqualTo("hello world");
        assertThat(httpReply.getAsJsonObject("headers").get("X-Probe").getAsString())
            .isEqualTo("POST /hello");
        assertThat(httpReply.getAsJsonArray("cookies").toString()).contains("probe=1");

        // the cold start preloaded the listed classes while the application started
        Matcher ready =
            Pattern.compile("handler ready in \\d+ ms: .*Result\\[loaded=(\\d+), missing=(\\d+)")
                .matcher(Files.readString(ric.log));
        assertThat(ready.find()).as("the handler's init log line").isTrue();
        assertThat(Integer.parseInt(ready.group(1))).isGreaterThan(500);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n--- runtime client log ---\n" + ric.tail(), e);
      }
    }
  }

  private static boolean zeroCodeHandlerPresent() {
    try {
      Class.forName(HANDLER).getConstructor();
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private static JsonObject json(String text) {
    JsonElement e =
        StrictJson.parse(text.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT, "reply");
    assertThat(e.isJsonObject()).as(text).isTrue();
    return e.getAsJsonObject();
  }

  private static final String S3_PUT =
      """
      {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
        "eventTime":"2026-01-01T00:00:00.000Z","eventName":"ObjectCreated:Put",
        "userIdentity":{"principalId":"EXAMPLE"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},
        "responseElements":{"x-amz-request-id":"EXAMPLE123456789","x-amz-id-2":"EXAMPLE123/abc"},
        "s3":{"s3SchemaVersion":"1.0","configurationId":"books",
          "bucket":{"name":"library","ownerIdentity":{"principalId":"EXAMPLE"},
            "arn":"arn:aws:s3:::library"},
          "object":{"key":"books/dune.json","size":1024,"eTag":"0123456789abcdef","sequencer":"0A1B2C3D4E5F678901"}}}]}""";

  private static final String SQS_BATCH =
      """
      {"Records":[
       {"messageId":"msg-1","receiptHandle":"r1","body":"ok-1","attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1767225600000","SenderId":"A","ApproximateFirstReceiveTimestamp":"1767225600001"},"messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:books","awsRegion":"us-east-1"},
       {"messageId":"msg-2","receiptHandle":"r2","body":"fail-2","attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1767225600000","SenderId":"A","ApproximateFirstReceiveTimestamp":"1767225600001"},"messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:books","awsRegion":"us-east-1"},
       {"messageId":"msg-3","receiptHandle":"r3","body":"ok-3","attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1767225600000","SenderId":"A","ApproximateFirstReceiveTimestamp":"1767225600001"},"messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:books","awsRegion":"us-east-1"},
       {"messageId":"msg-4","receiptHandle":"r4","body":"fail-4","attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1767225600000","SenderId":"A","ApproximateFirstReceiveTimestamp":"1767225600001"},"messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:books","awsRegion":"us-east-1"}
      ]}""";

  private static final String HTTP_API =
      """
      {"version":"2.0","routeKey":"$default","rawPath":"/hello","rawQueryString":"name=world",
       "cookies":["session=abc"],"headers":{"content-type":"text/plain","host":"api.example.com"},
       "queryStringParameters":{"name":"world"},
       "requestContext":{"accountId":"123456789012","apiId":"api","domainName":"api.example.com",
         "domainPrefix":"api","http":{"method":"POST","path":"/hello","protocol":"HTTP/1.1",
         "sourceIp":"127.0.0.1","userAgent":"it"},"requestId":"id-1","routeKey":"$default",
         "stage":"$default","time":"01/Jan/2026:00:00:00 +0000","timeEpoch":1767225600000},
       "body":"hi","isBase64Encoded":false}""";
}
