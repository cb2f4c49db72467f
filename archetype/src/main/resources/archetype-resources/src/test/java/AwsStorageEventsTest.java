package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.testing.ApiGatewayEvents;
import io.github.cloudeventshandler.testing.LambdaInvoker;
import io.github.cloudeventshandler.testing.LocalCloud;
import io.github.cloudeventshandler.testing.PlatformReply;
import io.github.cloudeventshandler.testing.S3Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The app on AWS Lambda: S3 events through the real {@code LambdaHandler}, as Lambda calls it. */
class AwsStorageEventsTest {
  @RegisterExtension static final LocalCloud cloud = LocalCloud.of(Application.class);

  private final LambdaInvoker lambda = cloud.lambda();

  @Test
  void anUploadReachesTheS3RouteWithItsDecodedKey() {
    // S3 sends the key form-encoded ("q1+2026.pdf"); the CloudEvent's subject is the decoded key
    PlatformReply reply = lambda.send(S3Events.put("uploads", "reports/q1 2026.pdf").size(1024));

    assertThat(reply).succeeded().routedTo("/aws.s3");
    CloudEvent event = Delivered.event(reply);
    assertThat(event.getType()).isEqualTo("com.amazonaws.s3.ObjectCreated:Put");
    assertThat(event.getSubject()).isEqualTo("reports/q1 2026.pdf");
  }

  @Test
  void aPlainHttpRequestCannotPostToTheEventRoute() {
    // the same function behind an HTTP API: a caller forging an S3 event gets 403 from the guard
    PlatformReply reply =
        lambda.send(
            ApiGatewayEvents.httpApi("POST", StorageEventController.S3).body("{\"Records\":[]}"));

    assertThat(reply).hasStatus(403);
  }
}
