package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.spi.StrictJson;

/**
 * Cloud Scheduler job executions delivered as CloudEvents ({@code
 * google.cloud.scheduler.job.v1.executed}, data {@code SchedulerJobData}) → {@code
 * /google.cloud.scheduler}; unwrapped payload: {@code customData} decoded. A job whose target is a
 * Pub/Sub topic arrives as a Pub/Sub message instead (route it with {@code CEH_ROUTES} by topic).
 */
public final class SchedulerClassifier extends GoogleCloudEventClassifier {
  static final String TYPE_PREFIX = "google.cloud.scheduler.job.";

  /** For {@link java.util.ServiceLoader}. */
  public SchedulerClassifier() {}

  @Override
  protected boolean claims(String type) {
    return type.startsWith(TYPE_PREFIX);
  }

  @Override
  protected void check(GoogleEvent event) {
    unwrapped(event);
  }

  @Override
  protected Payload unwrapped(GoogleEvent event) {
    String what = event.describe();
    if (event.data().length() == 0 || !CloudEventReader.isJson(event.data().contentType())) {
      return event.data();
    }
    JsonObject data =
        StrictJson.parseObject(event.data().bytes(), CloudEventReader.DATA_LIMITS, what);
    return new Payload(
        PubSubMessages.OCTET_STREAM,
        event.field(data).get("customData").optBase64().orElse(new byte[0]));
  }
}
