package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.DispatchResult;
import io.github.cloudeventshandler.core.JsonLimits;
import io.github.cloudeventshandler.core.RecordOutcome;
import io.github.cloudeventshandler.core.StrictJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code CLOUDFORMATION}: exactly one PUT of the response document to {@code ResponseURL}, whatever
 * the application did; a failure of the PUT itself throws. The document: {@code Status} {@code
 * SUCCESS} for a 2xx answer, else {@code FAILED} with the failure as {@code Reason}; {@code
 * PhysicalResourceId} from the application's JSON, else the request's, else the log stream name,
 * else the {@code RequestId}; {@code StackId}, {@code RequestId} and {@code LogicalResourceId}
 * copied; {@code Data} (and {@code Reason}, {@code NoEcho}) from the application's JSON object —
 * its {@code Data} member when it has one of the response keys, else the whole object. The document
 * is kept within 4096 bytes: {@code Data} is dropped first, then {@code Reason} is shortened, and
 * {@code Reason} says so. The Lambda result is the document that was sent.
 */
public final class CloudFormationReply implements ReplyShape {
  /** CloudFormation's limit on the response body. */
  static final int MAX_BYTES = 4096;

  /** CloudFormation's limit on {@code PhysicalResourceId}. */
  static final int MAX_PHYSICAL_ID = 1024;

  private final CloudFormationCallback callback;
  private final Supplier<Duration> timeLeft;

  /**
   * @param callback sends the PUT
   * @param timeLeft how long the PUT may take
   */
  public CloudFormationReply(CloudFormationCallback callback, Supplier<Duration> timeLeft) {
    this.callback = callback;
    this.timeLeft = timeLeft;
  }

  @Override
  public boolean readsEvent() {
    return true;
  }

  @Override
  public JsonElement reply(DispatchResult result, JsonElement event, Context context) {
    JsonObject request = event.getAsJsonObject();
    RecordOutcome outcome = result.outcomes().get(0);
    JsonObject app = appJson(outcome);
    boolean ok = outcome.isHandled();
    String reason = ok ? stringOf(app, "Reason") : ResponseBodies.failures(result);
    if (!ok && app != null && stringOf(app, "Reason") != null) {
      reason = stringOf(app, "Reason") + " (" + reason + ")";
    }
    String physical = ok ? stringOf(app, "PhysicalResourceId") : null;
    if (physical != null && physical.getBytes(StandardCharsets.UTF_8).length > MAX_PHYSICAL_ID) {
      ok = false;
      reason =
          "the application's PhysicalResourceId is over "
              + MAX_PHYSICAL_ID
              + " bytes, CloudFormation's limit";
      physical = null;
    }
    if (physical == null || physical.isEmpty()) {
      physical = EventFields.string(request, "PhysicalResourceId");
    }
    if ((physical == null || physical.isEmpty()) && context != null) {
      physical = context.getLogStreamName();
    }
    if (physical == null || physical.isEmpty()) {
      physical = EventFields.string(request, "RequestId");
    }
    JsonObject doc = new JsonObject();
    doc.addProperty("Status", ok ? "SUCCESS" : "FAILED");
    if (reason != null) {
      doc.addProperty("Reason", reason);
    } else if (context != null && context.getLogStreamName() != null) {
      doc.addProperty(
          "Reason", "See the details in CloudWatch Log Stream: " + context.getLogStreamName());
    }
    doc.addProperty("PhysicalResourceId", physical);
    doc.addProperty("StackId", EventFields.string(request, "StackId"));
    doc.addProperty("RequestId", EventFields.string(request, "RequestId"));
    doc.addProperty("LogicalResourceId", EventFields.string(request, "LogicalResourceId"));
    if (ok && app != null) {
      JsonElement noEcho = app.get("NoEcho");
      if (noEcho != null && noEcho.isJsonPrimitive() && noEcho.getAsJsonPrimitive().isBoolean()) {
        doc.add("NoEcho", noEcho);
      }
      boolean shaped =
          app.has("Data")
              || app.has("PhysicalResourceId")
              || app.has("Reason")
              || app.has("NoEcho");
      JsonElement data = shaped ? app.get("Data") : app;
      if (data != null && data.isJsonObject()) {
        doc.add("Data", data);
      }
    }
    byte[] body = fit(doc);
    URI url =
        EventFields.uri(
            EventFields.string(request, "ResponseURL"),
            CloudFormationClassifier.KIND,
            "ResponseURL",
            EventFields.string(request, "RequestId"));
    callback.put(url, body, timeLeft.get());
    return doc;
  }

  /** Drops {@code Data}, then shortens {@code Reason}, until the document fits; says so. */
  static byte[] fit(JsonObject doc) {
    byte[] body = bytes(doc);
    if (body.length <= MAX_BYTES) {
      return body;
    }
    String note = " [cloud-events-handler: response over " + MAX_BYTES + " bytes";
    if (doc.has("Data")) {
      doc.remove("Data");
      note += "; Data dropped";
    }
    String reason = doc.has("Reason") ? doc.get("Reason").getAsString() : "";
    doc.addProperty("Reason", reason + note + "]");
    body = bytes(doc);
    if (body.length <= MAX_BYTES) {
      return body;
    }
    String suffix = note + "; Reason truncated]";
    int keep = reason.length();
    while (body.length > MAX_BYTES && keep > 0) {
      keep = Math.max(0, keep - (body.length - MAX_BYTES) - 1);
      doc.addProperty("Reason", reason.substring(0, keep) + "…" + suffix);
      body = bytes(doc);
    }
    return body;
  }

  private static byte[] bytes(JsonObject doc) {
    return doc.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject appJson(RecordOutcome o) {
    AppResponse r =
        o instanceof RecordOutcome.Handled h
            ? h.response()
            : o instanceof RecordOutcome.Failed f ? f.response() : null;
    if (r == null || r.bodyLength() == 0) {
      return null;
    }
    try {
      JsonElement e = StrictJson.parse(r.body(), JsonLimits.DEFAULT, "aws.cloudformation response");
      return e.isJsonObject() ? e.getAsJsonObject() : null;
    } catch (BadEventException e) {
      return null;
    }
  }

  private static String stringOf(JsonObject o, String name) {
    return o == null ? null : EventFields.string(o, name);
  }
}
