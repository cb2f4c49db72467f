package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.RecordOutcome;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
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

  /**
   * The request's fields the response is made from, read the one way both before the application
   * runs ({@link CloudFormationClassifier}: a field the reply cannot use is refused there, since a
   * refusal after the application ran would leave CloudFormation waiting an hour for a response)
   * and when the response is sent.
   */
  record RequestFields(
      String stackId,
      String requestId,
      String logicalResourceId,
      Optional<String> physicalResourceId,
      URI responseUrl) {
    /**
     * @throws BadEventException {@code missing-field} or {@code invalid-field}
     */
    static RequestFields of(EventField request) {
      return new RequestFields(
          request.get("StackId").text(),
          request.get("RequestId").text(),
          request.get("LogicalResourceId").text(),
          request.get("PhysicalResourceId").optText(),
          CloudFormationClassifier.responseUrl(request));
    }
  }

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
    EventField request = EventField.root(event, RawEvent.AWS, CloudFormationClassifier.KIND);
    request = request.withEventId(request.get("RequestId").optString().orElse(null));
    RequestFields fields = RequestFields.of(request);
    RecordOutcome outcome = result.outcomes().get(0);
    EventField app = appJson(outcome);
    boolean ok = outcome.isHandled();
    String reason = ok ? scalar(app, "Reason") : ResponseBodies.failures(result);
    if (!ok && scalar(app, "Reason") != null) {
      reason = scalar(app, "Reason") + " (" + reason + ")";
    }
    String physical = ok ? scalar(app, "PhysicalResourceId") : null;
    if (physical != null && physical.getBytes(StandardCharsets.UTF_8).length > MAX_PHYSICAL_ID) {
      ok = false;
      reason =
          "the application's PhysicalResourceId is over "
              + MAX_PHYSICAL_ID
              + " bytes, CloudFormation's limit";
      physical = null;
    }
    if (physical == null || physical.isEmpty()) {
      physical = fields.physicalResourceId().orElse(null);
    }
    if ((physical == null || physical.isEmpty()) && context != null) {
      physical = context.getLogStreamName();
    }
    if (physical == null || physical.isEmpty()) {
      physical = fields.requestId();
    }
    JsonObject doc = new JsonObject();
    doc.addProperty("Status", ok ? "SUCCESS" : "FAILED");
    if (reason == null && context != null && context.getLogStreamName() != null) {
      reason = "See the details in CloudWatch Log Stream: " + context.getLogStreamName();
    }
    if (reason != null) {
      doc.addProperty("Reason", reason);
    }
    doc.addProperty("PhysicalResourceId", physical);
    doc.addProperty("StackId", fields.stackId());
    doc.addProperty("RequestId", fields.requestId());
    doc.addProperty("LogicalResourceId", fields.logicalResourceId());
    if (ok && app.isObject()) {
      if (app.get("NoEcho").isBoolean()) {
        doc.add("NoEcho", app.get("NoEcho").json());
      }
      boolean shaped =
          app.has("Data")
              || app.has("PhysicalResourceId")
              || app.has("Reason")
              || app.has("NoEcho");
      EventField data = shaped ? app.get("Data") : app;
      if (data.isObject()) {
        doc.add("Data", data.json());
      }
    }
    byte[] body = fit(doc, reason);
    callback.put(fields.responseUrl(), body, timeLeft.get());
    return doc;
  }

  /**
   * Drops {@code Data}, then shortens {@code Reason} (the text {@code docReason} put there), until
   * the document fits; says so.
   */
  static byte[] fit(JsonObject doc, String docReason) {
    byte[] body = bytes(doc);
    if (body.length <= MAX_BYTES) {
      return body;
    }
    String note = " [cloud-events-handler: response over " + MAX_BYTES + " bytes";
    if (doc.has("Data")) {
      doc.remove("Data");
      note += "; Data dropped";
    }
    String reason = docReason == null ? "" : docReason;
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

  /** The application's JSON answer, read with probes only (its shape is the app's concern). */
  private static EventField appJson(RecordOutcome o) {
    AppResponse r =
        o instanceof RecordOutcome.Handled h
            ? h.response()
            : o instanceof RecordOutcome.Failed f ? f.response() : null;
    JsonElement e = null;
    if (r != null && r.bodyLength() > 0) {
      try {
        e = StrictJson.parse(r.body(), JsonLimits.DEFAULT, "aws.cloudformation response");
      } catch (BadEventException notJson) {
        e = null;
      }
    }
    return EventField.root(
        e, RawEvent.AWS, CloudFormationClassifier.KIND, "the application's answer");
  }

  /** A string or number member of the application's answer, or null. */
  private static String scalar(EventField app, String name) {
    EventField f = app.get(name);
    return f.isString() || f.isNumber() ? f.optText().orElse(null) : null;
  }
}
