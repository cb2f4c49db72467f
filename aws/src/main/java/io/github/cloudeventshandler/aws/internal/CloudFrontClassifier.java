package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import java.util.List;
import java.util.Optional;

/**
 * CloudFront Lambda@Edge ({@code Records[0].cf}) → {@code POST /aws.cloudfront}, one request.
 * CloudFront waits for the answer: the application's JSON body (the request to forward or the
 * response to send, in CloudFront's shape) is the Lambda result; a non-2xx answer makes the handler
 * throw, which CloudFront answers with a 502/503.
 *
 * <p>CloudEvent: id {@code cf.config.requestId}, otherwise the Lambda request id; source {@code
 * aws:cloudfront/} + {@code cf.config.distributionId}; type {@code com.amazonaws.cloudfront.} +
 * {@code cf.config.eventType} ({@code viewer-request}, {@code origin-response}, ...) or, when
 * absent, {@code request} / {@code response} after the object the record carries; subject {@code
 * cf.request.uri}; no time. Unwrapped payload: the record's {@code cf} object.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new CloudFrontClassifier()).classify(raw).route(); // "/aws.cloudfront"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} when the event has more than one record (Lambda@Edge
 * sends exactly one) or {@code cf.config.distributionId} is missing.
 */
public final class CloudFrontClassifier implements EventClassifier {
  static final String KIND = "aws.cloudfront";
  static final String ROUTE = "/aws.cloudfront";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public CloudFrontClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    Optional<JsonObject> root = EventFields.root(raw);
    Optional<JsonArray> found =
        root.map(r -> r.get("Records"))
            .filter(JsonElement::isJsonArray)
            .map(JsonElement::getAsJsonArray)
            .filter(
                a ->
                    !a.isEmpty()
                        && a.get(0).isJsonObject()
                        && EventFields.isObject(a.get(0).getAsJsonObject(), "cf"));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonArray records = found.get();
    if (records.size() != 1) {
      throw new BadEventException(
          Problem.INCONSISTENT,
          "aws "
              + KIND
              + ": Lambda@Edge sends exactly one record, but Records has "
              + records.size());
    }
    JsonObject record = records.get(0).getAsJsonObject();
    JsonObject cf = record.getAsJsonObject("cf");
    String where = KIND + " Records[0].cf";
    JsonObject config = EventFields.requireObject(cf, "config", where);
    String id =
        EventFields.optString(config, "requestId").orElseGet(() -> FallbackIds.invocation(raw));
    where = where + " (id " + id + ")";
    String distribution = EventFields.requireString(config, "distributionId", where + ".config");
    String eventType =
        EventFields.optString(config, "eventType")
            .orElse(EventFields.isObject(cf, "response") ? "response" : "request");
    var attrs =
        EventAttributes.of(
            where, id, "aws:cloudfront/" + distribution, "com.amazonaws.cloudfront." + eventType);
    EventFields.optObject(cf, "request")
        .flatMap(r -> EventFields.optString(r, "uri"))
        .ifPresent(attrs::subject);
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.RESPONSE_BODY,
            List.of(EventRecord.of(null, ROUTE, attrs.build(), whole, Payload.json(cf))),
            whole));
  }
}
