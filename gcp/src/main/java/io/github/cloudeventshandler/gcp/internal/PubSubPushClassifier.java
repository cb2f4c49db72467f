package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.TraceContext;
import io.github.cloudeventshandler.gcp.GcpReply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pub/Sub push requests (protocols.md §3.1) → {@code /google.cloud.pubsub}, answered by the {@link
 * GcpReply#PUSH} contract. Two shapes:
 *
 * <ul>
 *   <li>wrapped: a JSON body {@code {"message":{…},"subscription":"projects/…"}}; recognised by a
 *       string {@code subscription} member;
 *   <li>unwrapped ({@code --push-no-wrapper} with write-metadata): the raw message data as the body
 *       and {@code x-goog-pubsub-*} headers; every other non-transport header is a message
 *       attribute, except {@code Authorization}, which is never an attribute.
 * </ul>
 *
 * Both become a {@code google.cloud.pubsub.topic.v1.messagePublished} CloudEvent: id = message id,
 * source = {@code //pubsub.googleapis.com/<subscription>}, time = publish time, data = the {@code
 * MessagePublishedData} JSON (native payload); unwrapped payload = the decoded data.
 */
public final class PubSubPushClassifier implements EventClassifier {
  static final String MESSAGE_ID = "x-goog-pubsub-message-id";
  static final String SUBSCRIPTION = "x-goog-pubsub-subscription-name";
  static final String PUBLISH_TIME = "x-goog-pubsub-publish-time";
  static final String ORDERING_KEY = "x-goog-pubsub-ordering-key";
  private static final String SOURCE_PREFIX = "//pubsub.googleapis.com/";

  /** Transport headers that are never message attributes in unwrapped push. */
  private static final Set<String> TRANSPORT =
      Set.of(
          "host",
          "content-type",
          "content-length",
          "authorization",
          "user-agent",
          "accept",
          "accept-encoding",
          "connection",
          "from",
          "forwarded",
          "via",
          "te",
          "expect",
          "traceparent",
          "tracestate",
          "x-cloud-trace-context",
          "x-forwarded-for",
          "x-forwarded-proto",
          "x-forwarded-host");

  /** For {@link java.util.ServiceLoader}. */
  public PubSubPushClassifier() {}

  /**
   * Whether an HTTP request looks like a Pub/Sub push (cheap; never throws): {@code
   * x-goog-pubsub-*} metadata headers, or a JSON POST body with a string {@code subscription}
   * member.
   */
  public static boolean isPush(RawEvent raw) {
    if (!RawEvent.GCP.equals(raw.provider())
        || raw.method().isEmpty()
        || CloudEventReader.isCloudEvent(raw)) {
      return false;
    }
    if (raw.headers().contains(MESSAGE_ID) || raw.headers().contains(SUBSCRIPTION)) {
      return true;
    }
    if (!"POST".equalsIgnoreCase(raw.method().get())
        || !raw.looksLikeJson()
        || raw.bodyLength() > raw.limits().maxBytes()) {
      return false;
    }
    try {
      return EventField.root(raw.json(), RawEvent.GCP, "google.cloud.pubsub")
          .get("subscription")
          .isString();
    } catch (BadEventException e) {
      return false;
    }
  }

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    if (!isPush(raw)) {
      return Optional.empty();
    }
    boolean unwrapped = raw.headers().contains(MESSAGE_ID) || raw.headers().contains(SUBSCRIPTION);
    Push push = unwrapped ? fromHeaders(raw) : fromBody(raw);
    EventRecord record =
        EventRecord.of(
            push.messageId(),
            "/google.cloud.pubsub",
            push.event(),
            push.nativeData(),
            push.unwrapped());
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            "google.cloud.pubsub",
            Delivery.ALL_OR_NOTHING,
            GcpReply.PUSH,
            List.of(record),
            new Payload(raw.contentType().orElse(Payload.JSON), raw.body())));
  }

  private record Push(String messageId, CloudEvent event, Payload nativeData, Payload unwrapped) {}

  private static Push fromBody(RawEvent raw) {
    // isPush: an object with a string subscription
    EventField body = EventField.root(raw.json(), RawEvent.GCP, "google.cloud.pubsub");
    String subscription = body.get("subscription").optStringOrEmpty().orElse("");
    EventField message = body.get("message");
    message.requireObject();
    String id =
        PubSubMessages.string(message, "messageId", "message_id")
            .filter(s -> !s.isEmpty())
            .orElseThrow(() -> message.get("messageId").missing());
    EventField identified = message.withEventId(id);
    Payload unwrapped = PubSubMessages.unwrapped(identified);
    String time = PubSubMessages.string(identified, "publishTime", "publish_time").orElse(null);
    String what = identified.describe() + " for subscription '" + subscription + "'";
    CloudEvent event =
        event(id, subscription, time, raw.body(), what, PubSubMessages.trace(identified));
    return new Push(id, event, raw.payload(Payload.JSON), unwrapped);
  }

  private static Push fromHeaders(RawEvent raw) {
    String what = "gcp Pub/Sub push (unwrapped)";
    String id = single(raw, MESSAGE_ID, what, true);
    what = "gcp Pub/Sub push (unwrapped) message '" + id + "'";
    String subscription = single(raw, SUBSCRIPTION, what, true);
    String time = single(raw, PUBLISH_TIME, what, false);
    String orderingKey = single(raw, ORDERING_KEY, what, false);
    JsonObject message = new JsonObject();
    byte[] body = raw.body();
    message.addProperty("data", Base64.getEncoder().encodeToString(body));
    JsonObject attributes = new JsonObject();
    for (Map.Entry<String, String> f : raw.headers().fields()) {
      String name = f.getKey().toLowerCase(Locale.ROOT);
      if (TRANSPORT.contains(name)
          || name.startsWith("x-goog-")
          || name.startsWith("x-appengine-")) {
        continue;
      }
      if (attributes.has(name)) {
        // attributes "k" and "K" both become header k; keeping one would lose the other silently
        throw new BadEventException(
            Problem.DUPLICATE_KEY,
            what
                + ": attribute header '"
                + name
                + "' appears more than once (attribute names that differ only in case cannot"
                + " travel as headers: use a wrapped push subscription)");
      }
      attributes.addProperty(name, f.getValue());
    }
    if (!attributes.isEmpty()) {
      message.add("attributes", attributes);
    }
    message.addProperty("messageId", id);
    if (time != null) {
      message.addProperty("publishTime", time);
    }
    if (orderingKey != null) {
      message.addProperty("orderingKey", orderingKey);
    }
    JsonObject data = new JsonObject();
    data.add("message", message);
    data.addProperty("subscription", subscription);
    byte[] nativeBytes = JsonText.write(data).getBytes(StandardCharsets.UTF_8);
    CloudEvent event =
        event(
            id,
            subscription,
            time,
            nativeBytes,
            what,
            PubSubMessages.trace(EventField.root(message, RawEvent.GCP, "google.cloud.pubsub")));
    Payload unwrapped = new Payload(raw.contentType().orElse(PubSubMessages.OCTET_STREAM), body);
    return new Push(id, event, new Payload(Payload.JSON, nativeBytes), unwrapped);
  }

  /** The one value of a metadata header; null when absent and not {@code required}. */
  private static String single(RawEvent raw, String header, String what, boolean required) {
    List<String> values = raw.headers().all(header);
    if (values.size() > 1) {
      throw new BadEventException(
          Problem.DUPLICATE_KEY, what + ": header " + header + " appears more than once");
    }
    if (values.isEmpty() || values.get(0).isBlank()) {
      if (required) {
        throw new BadEventException(
            Problem.MISSING_FIELD, what + ": header " + header + " is missing");
      }
      return null;
    }
    return values.get(0);
  }

  /**
   * The CloudEvent of a push. Its {@code source} is {@code //pubsub.googleapis.com/} + the
   * subscription, percent-encoded where the name holds characters a URI cannot ({@link
   * AttributeValues#uriPath}): a subscription name is data and is never refused for its spelling.
   */
  private static CloudEvent event(
      String id,
      String subscription,
      String time,
      byte[] data,
      String what,
      Optional<TraceContext> trace) {
    if (subscription.isBlank()) {
      throw new BadEventException(Problem.MISSING_FIELD, what + ": subscription is empty");
    }
    CloudEventBuilder b =
        CloudEventBuilder.v1()
            .withId(AttributeValues.string(id))
            .withSource(URI.create(SOURCE_PREFIX + AttributeValues.uriPath(subscription)))
            .withType(PubSubClassifier.TYPE)
            .withDataContentType(Payload.JSON)
            .withData(data);
    if (time != null && !time.isEmpty()) {
      b.withTime(CloudEventReader.time(what + " publishTime", time));
    }
    trace.ifPresent(t -> t.addTo(b));
    return b.build();
  }
}
