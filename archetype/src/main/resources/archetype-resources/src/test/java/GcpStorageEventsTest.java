package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.testing.CloudStorageEvents;
import io.github.cloudeventshandler.testing.GcpInvoker;
import io.github.cloudeventshandler.testing.LocalCloud;
import io.github.cloudeventshandler.testing.PlatformReply;
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
    assertThat(AwsStorageEventsTest.answer(reply))
        .contains("\"cloud\":\"gcp\"")
        .contains("\"type\":\"google.cloud.storage.object.v1.finalized\"")
        .contains("\"object\":\"reports/q1.pdf\"");
  }

  @Test
  void anEventTheAppRefusesMakesTheFunctionFailSoEventarcRetries() {
    // an object without a name: the app answers 400, the entry point throws
    PlatformReply reply = gcp.send(CloudStorageEvents.finalized("uploads", ""));

    assertThat(reply).threw(DispatchException.class).thrownException().hasMessageContaining("400");
  }
}
