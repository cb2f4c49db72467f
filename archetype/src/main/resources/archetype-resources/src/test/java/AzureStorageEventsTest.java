package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.testing.AzureInvoker;
import io.github.cloudeventshandler.testing.EventGridEvents;
import io.github.cloudeventshandler.testing.LocalCloud;
import io.github.cloudeventshandler.testing.PlatformReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app on Azure Functions: Event Grid blob events through the {@code storage} function of
 * {@link AzureFunctions} (the {@code @EventGridTrigger}), over the real {@code AzureEventHandler}
 * the kit made for the app.
 */
class AzureStorageEventsTest {
  @RegisterExtension static final LocalCloud cloud = LocalCloud.of(Application.class);

  private final AzureInvoker azure = cloud.azure();
  private final AzureFunctions functions = new AzureFunctions(azure.handler());

  private PlatformReply storage(EventGridEvents.EventGridEvent event) {
    return azure.invoke("storage", ctx -> functions.storage(event.toJson(), ctx));
  }

  @Test
  void aBlobCreatedEventReachesTheBlobStorageRoute() {
    PlatformReply reply = storage(EventGridEvents.blobCreated("account", "uploads", "q1.pdf"));

    assertThat(reply).succeeded().routedTo("/microsoft.storage");
    CloudEvent event = Delivered.event(reply);
    assertThat(event.getType()).isEqualTo("Microsoft.Storage.BlobCreated");
    assertThat(event.getSubject())
        .isEqualTo("/blobServices/default/containers/uploads/blobs/q1.pdf");
  }

  @Test
  void aCustomTopicCannotPublishStorageEventsToTheRoute() {
    // anyone may publish "Microsoft.Storage.BlobCreated" to their own topic: that event goes to
    // /unverified/microsoft.storage, which the app does not serve, so the trigger fails
    PlatformReply reply =
        storage(
            EventGridEvents.blobCreated("account", "uploads", "q1.pdf")
                .topic(
                    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
                        + "/providers/Microsoft.EventGrid/topics/orders"));

    assertThat(reply)
        .threw(DispatchException.class)
        .thrownException()
        .hasMessageContaining("/unverified/microsoft.storage");
  }
}
