package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.core.spi.TraceContext;
import java.util.Optional;

/**
 * Pub/Sub messages delivered as CloudEvents ({@code google.cloud.pubsub.topic.v1.messagePublished},
 * from Eventarc or converted from a legacy event) → {@code /google.cloud.pubsub}. Native payload:
 * the {@code MessagePublishedData} JSON; unwrapped: {@code message.data} decoded (empty bytes when
 * the data or its {@code message} is absent: Google's schema makes every field optional). Cloud
 * Scheduler jobs with a Pub/Sub target arrive this way too.
 */
public final class PubSubClassifier extends GoogleCloudEventClassifier {
  static final String TYPE = "google.cloud.pubsub.topic.v1.messagePublished";

  /** For {@link java.util.ServiceLoader}. */
  public PubSubClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith("google.cloud.pubsub.topic.");
  }

  @Override
  protected void check(GoogleEvent event) {
    unwrapped(event);
  }

  @Override
  protected Optional<TraceContext> trace(GoogleEvent event) {
    return PubSubMessages.trace(message(event));
  }

  @Override
  protected Payload unwrapped(GoogleEvent event) {
    return PubSubMessages.unwrapped(message(event));
  }

  /** The {@code message} of the {@code MessagePublishedData} (absent when there is no data). */
  private static EventField message(GoogleEvent event) {
    String what = event.describe();
    if (event.data().length() == 0) {
      // no data: every field of it is optional
      return event.field(null).get("message");
    }
    if (!CloudEventReader.isJson(event.data().contentType())) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": data must be JSON MessagePublishedData, not " + event.data().contentType());
    }
    JsonObject data =
        StrictJson.parseObject(event.data().bytes(), CloudEventReader.DATA_LIMITS, what);
    return event.field(data).get("message");
  }
}
