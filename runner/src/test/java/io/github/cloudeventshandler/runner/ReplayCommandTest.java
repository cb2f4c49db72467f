package io.github.cloudeventshandler.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} with samples/hello's {@code HelloServlet} as the app: corpus events of every
 * provider through their real entry points, files and directories, failures and exit codes.
 */
class ReplayCommandTest {

  @Test
  void corpusEventsOfEveryProviderReachTheAppThroughTheirEntryPoints() {
    RunnerCli r =
        RunnerCli.replayHello(
            "aws/s3/s3-put-sam",
            "aws/dynamodb/dynamodb-three-records",
            "gcp/storage/storage-legacy-input",
            "gcp/storage/storage-cloudevent-input",
            "gcp/storage/binary-storage-simple",
            "gcp/pubsub/push-wrapped-message-published-complex",
            "azure/eventgrid/storage-blob-created",
            "azure/eventgrid/storage-blob-deleted",
            "azure/storage-queue/json-message",
            "azure/eventhubs/three-events",
            "cloudevents/sdk-java/json-data");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.linesOf("aws/s3/s3-put-sam"))
        .singleElement()
        .asString()
        .contains("  aws/lambda  aws.s3  /aws.s3  ok app=200  ")
        .contains("\"ce-type\":\"com.amazonaws.s3.ObjectCreated:Put\"");
    assertThat(r.linesOf("aws/dynamodb/dynamodb-three-records"))
        .singleElement()
        .asString()
        .contains("  aws/lambda  aws.dynamodb  /aws.dynamodb  ok app=200,200,200  ");
    assertThat(r.linesOf("gcp/storage/storage-legacy-input"))
        .singleElement()
        .asString()
        .contains("  gcp/background  google.cloud.storage  /google.cloud.storage  ok app=200  ");
    assertThat(r.linesOf("gcp/storage/storage-cloudevent-input"))
        .singleElement()
        .asString()
        .contains("  gcp/cloudevents  google.cloud.storage  /google.cloud.storage  ok app=200  ");
    assertThat(r.linesOf("gcp/storage/binary-storage-simple"))
        .singleElement()
        .asString()
        .contains("  gcp/http  google.cloud.storage  /google.cloud.storage  HTTP 200 app=200  ");
    assertThat(r.linesOf("gcp/pubsub/push-wrapped-message-published-complex"))
        .singleElement()
        .asString()
        .contains("  gcp/http  google.cloud.pubsub  /google.cloud.pubsub  HTTP 204 app=200  ");
    assertThat(r.linesOf("azure/eventgrid/storage-blob-created"))
        .singleElement()
        .asString()
        .contains("  azure/http  azure.eventgrid  /microsoft.storage  HTTP 200 app=200  ");
    assertThat(r.linesOf("azure/eventgrid/storage-blob-deleted"))
        .singleElement()
        .asString()
        .contains("  azure/eventgrid  azure.eventgrid  /microsoft.storage  ok app=200  ")
        .contains("Microsoft.Storage.BlobDeleted");
    assertThat(r.linesOf("azure/storage-queue/json-message"))
        .singleElement()
        .asString()
        .contains("  azure/queue  azure.storage.queue  /azure.storage.queue  ok app=200  ");
    assertThat(r.linesOf("azure/eventhubs/three-events"))
        .singleElement()
        .asString()
        .contains("  azure/eventhubs  azure.eventhubs  /azure.eventhubs  ok app=200,200,200  ");
    assertThat(r.linesOf("cloudevents/sdk-java/json-data"))
        .singleElement()
        .asString()
        .contains("  http/cloudevents-http  cloudevents  ");
    assertThat(r.out()).contains("11 event(s), 11 handled, 0 failed");
  }

  @Test
  void thenGetPrintsTheAppsAnswerAfterTheReplay() {
    RunnerCli r = RunnerCli.replayHello("--then-get", "/", "aws/s3/s3-put-sam");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .endsWith(
            "1 event(s), 1 handled, 0 failed\nGET / -> 200\nhello from cloud-events-handler\n\n");
  }

  @Test
  void aCorpusPrefixReplaysEveryCaseUnderIt() {
    RunnerCli r = RunnerCli.replayHello("aws/s3");
    assertThat(r.out().lines().filter(l -> l.startsWith("aws/s3/"))).hasSize(4);
    assertThat(r.code()).isZero();
  }

  @Test
  void theAppsFailureMakesTheEventFailAndTheExitCodeOne(@TempDir Path dir) throws IOException {
    // HelloServlet answers 500 on paths containing "fail"; the route of this CloudEvent is /fail
    Path f =
        write(
            dir.resolve("failing.json"),
            "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"fail\",\"type\":\"demo\"}");
    RunnerCli r = RunnerCli.replayHello(f.toString(), "aws/s3/s3-put-sam");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.linesOf(f.toString()))
        .singleElement()
        .asString()
        .contains("http/cloudevents-http  cloudevents  /fail  error:DispatchException app=500");
    assertThat(r.out()).contains("2 event(s), 1 handled, 1 failed");
  }

  @Test
  void aLambdaBatchWithAFailedRecordIsReportedInBatchItemFailures(@TempDir Path dir)
      throws IOException {
    // CEH_ROUTES sends SQS to /aws.sqs.fail, which HelloServlet answers 500
    RunnerCli r =
        RunnerCli.run(
            Map.of("CEH_ROUTES", "{\"kinds\":{\"aws.sqs\":\"/sqs-fail\"}}"),
            "replay",
            "--app",
            RunnerCli.HELLO,
            "--width",
            "400",
            "aws/sqs/sqs-json-body");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.linesOf("aws/sqs/sqs-json-body"))
        .singleElement()
        .asString()
        .contains("/sqs-fail  FAILED app=500");
    // the failed record by the id Lambda knows it by, and the reply Lambda gets
    String messageId = "d9144555-9a4f-4ec3-99a0-34ce359b4b54";
    assertThat(r.detailsOf("aws/sqs/sqs-json-body"))
        .containsExactly(
            "failed record "
                + messageId
                + ": app answered 500  {\"path\":\"/sqs-fail\","
                + "\"ce-type\":\"com.amazonaws.sqs.message\",\"ce-id\":\""
                + messageId
                + "\",\"bodyLength\":695}",
            "reply: {\"batchItemFailures\":[{\"itemIdentifier\":\"" + messageId + "\"}]}");
  }

  @Test
  void everyEventShowsThePlatformsReplyAndACaseItsOwnSettings() {
    RunnerCli r =
        RunnerCli.replayHello(
            "aws/s3/s3-put-sam",
            "gcp/storage/storage-cloudevent-input",
            "gcp/pubsub/push-wrapped-message-published-complex",
            "aws/sqs/sqs-receive-message-sam");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.detailsOf("aws/s3/s3-put-sam"))
        .singleElement()
        .asString()
        .startsWith(
            "reply: {\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"}");
    assertThat(r.detailsOf("gcp/storage/storage-cloudevent-input"))
        .containsExactly("reply: returned normally (the event counts as handled)");
    assertThat(r.detailsOf("gcp/pubsub/push-wrapped-message-published-complex"))
        .containsExactly(
            "settings: CEH_PUBSUB_AUTH=off (this corpus case's own)", "reply: HTTP 204");
    assertThat(r.detailsOf("aws/sqs/sqs-receive-message-sam"))
        .containsExactly(
            "settings: CEH_PAYLOAD=unwrapped (this corpus case's own)",
            "reply: {\"batchItemFailures\":[]}");
  }

  @Test
  void aThrownErrorIsThePlatformsReply(@TempDir Path dir) throws IOException {
    RunnerCli r =
        RunnerCli.run(
            Map.of("CEH_ROUTES", "{\"kinds\":{\"aws.s3\":\"/s3-fail\"}}"),
            "replay",
            "--quiet",
            "--app",
            RunnerCli.HELLO,
            "aws/s3/s3-put-sam");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.detailsOf("aws/s3/s3-put-sam"))
        .hasSize(2)
        .satisfies(
            d -> assertThat(d.get(0)).startsWith("failed record EXAMPLE123456789.EXAMPLE123/"),
            d ->
                assertThat(d.get(1))
                    .startsWith(
                        "reply: threw DispatchException: aws.s3: 1 of 1 record not handled"));
  }

  @Test
  void aCorpusCaseCanBeSentThroughAnotherEntryPoint() {
    // the recorded webhook delivery, through the Event Grid trigger instead of the HTTP trigger
    RunnerCli r = RunnerCli.replayHello("azure/eventgrid/storage-blob-created@azure/eventgrid");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.linesOf("azure/eventgrid/storage-blob-created"))
        .singleElement()
        .asString()
        .contains("  azure/eventgrid  azure.eventgrid  /microsoft.storage  ok app=200  ");
    RunnerCli wrong = RunnerCli.replayHello("azure/eventgrid/storage-blob-created@azure/nope");
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("'azure/nope' is no entry point").contains("azure/eventgrid");
  }

  @Test
  void filesAndDirectoriesAreDetected(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("events"));
    write(
        dir.resolve("events/legacy-storage.json"),
        new String(
            io.github.cloudeventshandler.conformance.ConformanceCorpus.get(
                    "gcp/storage/storage-legacy-input")
                .input(),
            StandardCharsets.UTF_8));
    write(
        dir.resolve("events/s3.json"),
        io.github.cloudeventshandler.conformance.ConformanceCorpus.get("aws/s3/s3-put-sam")
            .inputText());
    write(dir.resolve("events/s3.expected.json"), "{\"not\":\"an event\"}");
    write(dir.resolve("events/notes.txt"), "ignored");
    RunnerCli r = RunnerCli.replayHello(dir.resolve("events").toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("legacy-storage.json  gcp/background  google.cloud.storage")
        .contains("s3.json  aws/lambda  aws.s3  /aws.s3  ok")
        .contains("2 event(s), 2 handled, 0 failed");
  }

  @Test
  void anEventOfNoKnownCloudFailsWithTheReason(@TempDir Path dir) throws IOException {
    Path f = write(dir.resolve("odd.json"), "{\"hello\":\"world\"}");
    RunnerCli r = RunnerCli.replayHello(f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("unknown  -  -  error:UnrecognizedEventException")
        .contains("cannot tell which cloud");
  }

  @Test
  void cloudFormationIsNotReplayedAgainstTheInternetUnlessAllowed() {
    RunnerCli r = RunnerCli.replayHello("aws/cloudformation/cloudformation-create-sam");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("error:DispatchException").contains("--allow-callbacks");
  }

  @Test
  void cloudFormationPutsToALoopbackResponseUrl(@TempDir Path dir) throws Exception {
    com.sun.net.httpserver.HttpServer s3 =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    java.util.List<String> puts = new java.util.concurrent.CopyOnWriteArrayList<>();
    s3.createContext(
        "/",
        x -> {
          puts.add(
              x.getRequestMethod()
                  + " "
                  + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    s3.start();
    try {
      com.google.gson.JsonObject event =
          com.google.gson.JsonParser.parseString(
                  io.github.cloudeventshandler.conformance.ConformanceCorpus.get(
                          "aws/cloudformation/cloudformation-create-sam")
                      .inputText())
              .getAsJsonObject();
      event.addProperty(
          "ResponseURL", "http://127.0.0.1:" + s3.getAddress().getPort() + "/signed?x=1");
      Path f = write(dir.resolve("cfn.json"), event.toString());
      RunnerCli r = RunnerCli.replayHello(f.toString());
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.linesOf(f.toString()))
          .singleElement()
          .asString()
          .contains("aws/lambda  aws.cloudformation  /aws.cloudformation  ok app=200");
      assertThat(puts).singleElement().asString().startsWith("PUT ").contains("\"SUCCESS\"");
    } finally {
      s3.stop(0);
    }
  }

  @Test
  void manyEventsShowAProgressLineOnStderr() {
    RunnerCli r = RunnerCli.run("replay", "--app", RunnerCli.HELLO, "gcp/firebase-database");
    assertThat(r.err()).contains("[1/").contains("] gcp/firebase-database/");
    RunnerCli quiet = RunnerCli.replayHello("aws/s3/s3-put-sam");
    assertThat(quiet.err()).doesNotContain("[1/1]");
  }

  private static Path write(Path p, String text) throws IOException {
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
