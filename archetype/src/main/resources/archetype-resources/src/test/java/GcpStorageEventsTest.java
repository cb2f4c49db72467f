package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.testing.CloudStorageEvents;
import io.github.cloudeventshandler.testing.GcpInvoker;
import io.github.cloudeventshandler.testing.LocalCloud;
import io.github.cloudeventshandler.testing.PlatformReply;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app on Cloud Functions (gen2): Cloud Storage CloudEvents through the real {@code
 * CloudEventsEntryPoint}, as Eventarc delivers them.
 */
class GcpStorageEventsTest {
  @RegisterExtension static final LocalCloud cloud = LocalCloud.of(Application.class);

  private final GcpInvoker gcp = cloud.gcp();

  @Test
  void anUploadReachesTheCloudStorageRoute() {
    PlatformReply reply = gcp.send(CloudStorageEvents.finalized("uploads", "reports/q1.pdf"));

    assertThat(reply).succeeded().routedTo("/google.cloud.storage");
    CloudEvent event = Delivered.event(reply);
    assertThat(event.getType()).isEqualTo("google.cloud.storage.object.v1.finalized");
    assertThat(event.getSubject()).isEqualTo("objects/reports/q1.pdf");
  }

  @Test
  void aPlainHttpRequestCannotPostToTheEventRoute() {
    // the same app deployed as an HTTP function (HttpEntryPoint) with a public URL: a request to a
    // /google.* route claims a Google origin, so without a Google token it is refused (401) before
    // the app is called
    PlatformReply reply =
        gcp.send(
            LocalGcpHttpRequest.post(StorageEventController.CLOUD_STORAGE, "{\"name\":\"x\"}")
                .header("Content-Type", "application/json"));

    assertThat(reply).hasStatus(401).reachedNoApplication();
  }
}
