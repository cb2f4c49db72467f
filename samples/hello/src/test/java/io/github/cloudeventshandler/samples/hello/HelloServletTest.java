package io.github.cloudeventshandler.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.testing.CloudStorageEvents;
import io.github.cloudeventshandler.testing.LocalCloud;
import io.github.cloudeventshandler.testing.PubSubEvents;
import io.github.cloudeventshandler.testing.S3Events;
import io.github.cloudeventshandler.testing.ServiceBusEvents;
import io.github.cloudeventshandler.testing.SqsEvents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HelloServlet on the real bridge, started by the test kit: plain requests, and events from each
 * cloud through its real entry point. SQS messages are routed to a path the servlet fails.
 */
class HelloServletTest {
  @RegisterExtension
  static final LocalCloud cloud =
      LocalCloud.of(HelloServlet.class)
          .setting("CEH_ROUTES", "{\"kinds\":{\"aws.sqs\":\"/will-fail/sqs\"}}");

  @Test
  void getRootSaysHello() {
    AppResponse r = cloud.application().call(AppRequest.builder("GET", "/").build());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("hello");
    assertThat(cloud.application().call(AppRequest.builder("GET", "/other").build()).status())
        .isEqualTo(404);
  }

  @Test
  void postAnswersASummary() {
    AppResponse r =
        cloud
            .application()
            .call(
                AppRequest.builder("POST", "/aws.s3")
                    .header("ce-type", "aws.s3.ObjectCreated:Put")
                    .header("ce-id", "abc")
                    .header("Content-Type", "application/json")
                    .body("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))
                    .build());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType())
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"path\":\"/aws.s3\",\"ce-type\":\"aws.s3.ObjectCreated:Put\",\"ce-id\":\"abc\","
                + "\"bodyLength\":14}");
  }

  @Test
  void anS3UploadThroughLambdaReachesTheServletAtItsRoute() {
    S3Events.S3Event upload = S3Events.put("photos", "2026/cat.jpg");
    assertThat(cloud.lambda().send(upload))
        .succeeded()
        .routedTo("/aws.s3")
        .body()
        .contains("\"ce-type\":\"com.amazonaws.s3.ObjectCreated:Put\"")
        .contains("\"ce-id\":\"" + upload.cloudEventId() + "\"");
  }

  @Test
  void everySqsMessageTheServletFailsIsReported() {
    SqsEvents.SqsMessage a = SqsEvents.message("a");
    SqsEvents.SqsMessage b = SqsEvents.message("b");
    assertThat(cloud.lambda().send(SqsEvents.batch(a, b)))
        .failed()
        .routedTo("/will-fail/sqs", "/will-fail/sqs")
        .batchItemFailures()
        .containsExactly(a.messageId(), b.messageId());
  }

  @Test
  void googleEventsThroughTheFunctionsFrameworkEntryPoints() {
    assertThat(cloud.gcp().send(CloudStorageEvents.finalized("photos", "cat.jpg")))
        .succeeded()
        .routedTo("/google.cloud.storage");
    // a push with the kit's OIDC token, checked against the kit's key set on loopback: 204 is an
    // ack
    assertThat(cloud.gcp().send(PubSubEvents.push("hello")))
        .hasStatus(204)
        .routedTo("/google.cloud.pubsub");
  }

  @Test
  void anAzureServiceBusMessageAndAFailingOne() {
    assertThat(cloud.azure().send(ServiceBusEvents.message("{\"order\":7}")))
        .succeeded()
        .routedTo("/azure.servicebus");
    assertThat(
            cloud
                .azure()
                .invoke(
                    "orders",
                    ctx -> cloud.azure().handler().queue("{\"order\":8}", "q-1", 1, null, ctx)))
        .succeeded()
        .routedTo("/azure.storage.queue");
  }

  @Test
  void aPathWithFailAnswers500AndTheTriggerThrows() {
    AppResponse r = cloud.application().call(AppRequest.builder("POST", "/will-fail/now").build());
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).contains("\"path\":\"/will-fail/now\"");
    try (LocalCloud failing =
        LocalCloud.of(cloud.application())
            .setting("CEH_ROUTES", "{\"kinds\":{\"azure.servicebus\":\"/will-fail/sb\"}}")
            .start()) {
      assertThat(failing.azure().send(ServiceBusEvents.message("x")))
          .threw(DispatchException.class)
          .thrownException()
          .hasMessageContaining("/will-fail/sb");
    }
  }
}
