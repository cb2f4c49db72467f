package io.github.cloudeventshandler.aws.internal;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
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
    EventField root = EventFields.root(raw, KIND).orElse(null);
    if (root == null || !root.get("Records").get(0).get("cf").isObject()) {
      return Optional.empty();
    }
    List<EventField> records = root.get("Records").elements();
    if (records.size() != 1) {
      throw root.get("Records")
          .problem(
              Problem.INCONSISTENT,
              "has " + records.size() + " records, but Lambda@Edge sends exactly one",
              null);
    }
    EventField cf = records.get(0).get("cf");
    EventField config = cf.get("config");
    config.requireObject();
    String id = config.get("requestId").optString().orElseGet(() -> FallbackIds.invocation(raw));
    cf = cf.withEventId(id);
    String distribution = cf.get("config").get("distributionId").string();
    String eventType =
        cf.get("config")
            .get("eventType")
            .optString()
            .orElse(cf.get("response").isObject() ? "response" : "request");
    CloudEvent event =
        EventAttributes.of(
                id, "aws:cloudfront/" + distribution, "com.amazonaws.cloudfront." + eventType)
            .subject(cf.get("request").get("uri").optString().orElse(null))
            .build();
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.RESPONSE_BODY,
            List.of(EventRecord.of(null, ROUTE, event, whole, Payload.json(cf.json()))),
            whole));
  }
}
