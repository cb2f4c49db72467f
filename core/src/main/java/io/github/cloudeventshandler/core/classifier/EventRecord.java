package io.github.cloudeventshandler.core.classifier;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a classified event: what the application will receive for it.
 *
 * @param itemId the identifier the platform uses to report this record (SQS {@code messageId},
 *     Kinesis {@code sequenceNumber}, ...); null when the platform has no per-record reporting
 * @param route the default route for this record, e.g. {@code /aws.sqs}; overrides are applied by
 *     {@link EventPipeline}
 * @param cloudEvent the record normalised to a CloudEvent; its attributes become {@code ce-*}
 *     headers
 * @param nativePayload the native event narrowed to this record (payload mode {@code native})
 * @param unwrappedPayload the record's own payload (payload mode {@code unwrapped})
 * @param httpRequest for HTTP proxy events, the request to send as it is; null otherwise
 */
public record EventRecord(
    String itemId,
    String route,
    CloudEvent cloudEvent,
    Payload nativePayload,
    Payload unwrappedPayload,
    AppRequest httpRequest) {

  /** Validates. */
  public EventRecord {
    Objects.requireNonNull(route, "route");
    if (httpRequest == null) {
      Objects.requireNonNull(cloudEvent, "cloudEvent");
      Objects.requireNonNull(nativePayload, "nativePayload");
      Objects.requireNonNull(unwrappedPayload, "unwrappedPayload");
    }
  }

  /** A record of an event (not an HTTP proxy request). */
  public static EventRecord of(
      String itemId,
      String route,
      CloudEvent cloudEvent,
      Payload nativePayload,
      Payload unwrappedPayload) {
    return new EventRecord(itemId, route, cloudEvent, nativePayload, unwrappedPayload, null);
  }

  /** A record that is an HTTP request to pass through as it is (API Gateway, ALB, ...). */
  public static EventRecord http(String route, CloudEvent cloudEvent, AppRequest request) {
    Objects.requireNonNull(request, "request");
    return new EventRecord(null, route, cloudEvent, null, null, request);
  }

  /** The item id, when the platform reports records individually. */
  public Optional<String> optionalItemId() {
    return Optional.ofNullable(itemId);
  }

  /** The CloudEvent id, or the item id, or {@code "-"}: for logs and messages. */
  public String displayId() {
    if (cloudEvent != null) {
      return cloudEvent.getId();
    }
    return itemId != null ? itemId : "-";
  }
}
