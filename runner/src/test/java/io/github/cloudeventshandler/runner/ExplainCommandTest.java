package io.github.cloudeventshandler.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code explain}: routes and requests without the application. */
class ExplainCommandTest {

  @Test
  void explainsLambdaEventsWithTheEventPipeline() {
    RunnerCli r = RunnerCli.run("explain", "aws/dynamodb/dynamodb-three-records");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("== aws/dynamodb/dynamodb-three-records  (entry point aws/lambda)")
        .contains("kind:     aws.dynamodb")
        .contains("reply:    BATCH_ITEM_FAILURES")
        .contains("request 1: POST /aws.dynamodb")
        .contains("request 3: POST /aws.dynamodb")
        .contains("ce-type: com.amazonaws.dynamodb.");
  }

  @Test
  void explainsGcpAndAzureEventsThroughTheirEntryPointsWithoutTheApp() {
    RunnerCli r =
        RunnerCli.run(
            "explain",
            "gcp/storage/storage-legacy-input",
            "gcp/pubsub/push-wrapped-message-published-complex",
            "azure/storage-queue/json-message",
            "azure/eventgrid/storage-blob-created");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("(entry point gcp/background)")
        .contains("request 1: POST /google.cloud.storage")
        .contains("(entry point gcp/http)")
        .contains("request 1: POST /google.cloud.pubsub")
        .contains("(entry point azure/queue)")
        .contains("request 1: POST /azure.storage.queue")
        .contains("(entry point azure/http)")
        .contains("request 1: POST /microsoft.storage");
  }

  @Test
  void whatTheEntryPointAnswersItselfIsSaid() {
    RunnerCli r =
        RunnerCli.run(
            "explain",
            "azure/eventgrid-handshake/subscription-validation",
            "azure/webpubsub/bad-signature");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains(
            "no request reaches the application; the entry point answers HTTP 200:"
                + " {\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}")
        .contains("request 1: POST /azure.webpubsub")
        .contains("note: the entry point refuses it, no request reaches the application: HTTP 401");
  }

  @Test
  void theSettingsAppliedAreListedWithWhereEachCameFrom() {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("ceh.batch", "whole");
    RunnerCli r =
        RunnerCli.run(
            java.util.Map.of(
                "CEH_ROUTES", "{\"kinds\":{\"aws.sqs\":\"/orders\"}}",
                "CEH_WEBPUBSUB_KEYS", "secret-key",
                "HOME", "/not/a/setting"),
            properties,
            "explain",
            "aws/sqs/sqs-receive-message-sam");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("settings: CEH_BATCH=whole (-Dceh.batch)\n")
        .contains("          CEH_PAYLOAD=unwrapped (corpus case)\n")
        .contains("          CEH_PUBSUB_AUTH=off (runner default)\n")
        .contains("          CEH_ROUTES={\"kinds\":{\"aws.sqs\":\"/orders\"}} (environment)\n")
        .contains("          CEH_WEBPUBSUB_KEYS=(hidden) (environment)\n")
        .doesNotContain("secret-key")
        .doesNotContain("HOME")
        .contains("request 1: POST /orders");
  }

  @Test
  void aBrokenEventIsExplainedAsAnErrorAndExitsOne() {
    RunnerCli r = RunnerCli.run("explain", "aws/unsupported/batch-get-job");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("error: UnrecognizedEventException");
  }
}
