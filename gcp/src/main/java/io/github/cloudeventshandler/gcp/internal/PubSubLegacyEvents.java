package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.util.Map;

/**
 * Legacy Pub/Sub events: the data (a {@code PubsubMessage}) gets {@code messageId} = event id and
 * {@code publishTime} = timestamp when it lacks them, and is wrapped as {@code {"message":…}}.
 */
final class PubSubLegacyEvents implements LegacyEventFamily {

  @Override
  public Map<String, String> types() {
    return Map.of(
        "google.pubsub.topic.publish", PubSubClassifier.TYPE,
        "providers/cloud.pubsub/eventTypes/topic.publish", PubSubClassifier.TYPE);
  }

  @Override
  public String defaultService() {
    return "pubsub.googleapis.com";
  }

  @Override
  public JsonElement reshape(LegacyEvent event) {
    JsonElement data = event.data();
    if (!data.isJsonObject()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          event.describe()
              + ": data must be a PubsubMessage object, not "
              + StrictJson.kindOf(data));
    }
    JsonObject message = event.field().jsonObject().deepCopy();
    if (!message.has("messageId")) {
      message.addProperty("messageId", event.eventId());
    }
    if (!message.has("publishTime") && event.timestamp() != null) {
      message.addProperty("publishTime", event.timestamp());
    }
    JsonObject wrapped = new JsonObject();
    wrapped.add("message", message);
    return wrapped;
  }
}
