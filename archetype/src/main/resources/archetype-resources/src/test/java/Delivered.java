package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.testing.PlatformReply;

/** What the app received for one delivery. */
final class Delivered {
  private Delivered() {}

  /** The CloudEvent of the one request the event became (the routes' request attribute). */
  static CloudEvent event(PlatformReply reply) {
    assertThat(reply.requests()).as("requests the app received").hasSize(1);
    return (CloudEvent) reply.requests().get(0).attributes().get(RequestAttributes.CLOUD_EVENT);
  }
}
