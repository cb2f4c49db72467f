package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonPrimitive;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.azure.AzureReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Azure Web PubSub upstream requests (CloudEvents binary mode, {@code ce-type} {@code
 * azure.webpubsub.*} or a {@code ce-awpsversion} header): route {@code /azure.webpubsub}, one
 * record whose CloudEvent carries every {@code ce-*} header of the request (values percent-decoded
 * once) except {@code ce-signature}, and whose body is the request body with its {@code
 * Content-Type}. Known types: {@code azure.webpubsub.sys.connect}, {@code .sys.connected}, {@code
 * .sys.disconnected} and {@code azure.webpubsub.user.<event>}; any other is rejected. The signature
 * is checked by the HTTP entry point before classification ({@link WebPubSubSignature}).
 */
public final class WebPubSubClassifier implements EventClassifier {
  /** The kind and route segment. */
  public static final String KIND = "azure.webpubsub";

  /** The blocking connect event. */
  public static final String CONNECT = "azure.webpubsub.sys.connect";

  /** The non-blocking connected event. */
  public static final String CONNECTED = "azure.webpubsub.sys.connected";

  /** The non-blocking disconnected event. */
  public static final String DISCONNECTED = "azure.webpubsub.sys.disconnected";

  /** The prefix of user events ({@code message} and custom event names). */
  public static final String USER_PREFIX = "azure.webpubsub.user.";

  private static final String PREFIX = "azure.webpubsub.";

  /**
   * Optional attributes CloudEvents requires non-empty when present ({@code time}, {@code subject},
   * {@code dataschema}).
   */
  private static final List<String> OPTIONAL_ATTRIBUTES = List.of("time", "subject", "dataschema");

  /** Whether a request is a Web PubSub upstream request. */
  public static boolean isWebPubSub(RawEvent raw) {
    return raw.method().isPresent()
        && (raw.header("ce-type").map(t -> t.startsWith(PREFIX)).orElse(false)
            || raw.header("ce-awpsversion").isPresent());
  }

  /** Whether a type is blocking: the service waits for the answer and uses it. */
  public static boolean isBlocking(String type) {
    return type.equals(CONNECT) || type.startsWith(USER_PREFIX);
  }

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    if (!RawEvent.AZURE.equals(raw.provider()) || !isWebPubSub(raw)) {
      return Optional.empty();
    }
    String connection = require(raw, "ce-connectionId", "-", "azure webpubsub request");
    String id =
        require(
            raw, "ce-id", connection, "azure webpubsub request (connection " + connection + ")");
    String what = "azure webpubsub event " + id + " (connection " + connection + ")";
    String type = require(raw, "ce-type", connection, what);
    if (!type.equals(CONNECT)
        && !type.equals(CONNECTED)
        && !type.equals(DISCONNECTED)
        && !(type.startsWith(USER_PREFIX) && type.length() > USER_PREFIX.length())) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what
              + ": ce-type "
              + EventField.quote(type)
              + " is not a Web PubSub event type (azure.webpubsub.sys.connect, .sys.connected,"
              + " .sys.disconnected, .user.<event>)");
    }
    String spec = require(raw, "ce-specversion", connection, what);
    if (!spec.equals("1.0")) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": ce-specversion " + EventField.quote(spec) + " is not 1.0");
    }
    String source = require(raw, "ce-source", connection, what);
    // decoded values hold no control character (decodeString); a lone surrogate, which no header
    // should carry but a host's String can, is encoded as in every attribute taken from an event
    CloudEventBuilder ce =
        CloudEventBuilder.v1()
            .withId(AttributeValues.string(id))
            .withType(AttributeValues.string(type))
            .withSource(AttributeValues.uriReference(source));
    for (Map.Entry<String, String> f : raw.headers().fields()) {
      String name = f.getKey().toLowerCase(Locale.ROOT);
      if (!name.startsWith("ce-")
          || List.of("ce-id", "ce-type", "ce-source", "ce-specversion", "ce-signature")
              .contains(name)) {
        continue;
      }
      String attr = name.substring(3);
      String value = CloudEventHeaders.decodeString(what, name, f.getValue());
      if (value.isEmpty() && OPTIONAL_ATTRIBUTES.contains(attr)) {
        continue; // as in JSON events: an empty optional attribute is not there
      }
      switch (attr) {
        case "time" -> ce.withTime(header(name, value, id).time());
        case "subject" -> ce.withSubject(AttributeValues.string(value));
        case "dataschema" -> ce.withDataSchema(AttributeValues.uriReference(value));
        case "datacontenttype" ->
            throw new BadEventException(
                Problem.INVALID_FIELD,
                what + ": a binary-mode request must not carry ce-datacontenttype");
        default -> {
          if (!attr.matches("[a-z0-9]{1,64}")) {
            throw new BadEventException(
                Problem.INVALID_FIELD,
                what + ": header '" + f.getKey() + "' is not a valid CloudEvents attribute name");
          }
          ce.withExtension(attr, AttributeValues.string(value));
        }
      }
    }
    byte[] body = raw.body();
    String contentType = raw.contentType().orElse("application/octet-stream");
    if (body.length > 0) {
      ce.withDataContentType(contentType).withData(body);
    }
    CloudEvent event = ce.build();
    Payload payload = new Payload(contentType, body);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AZURE,
            KIND,
            Delivery.ALL_OR_NOTHING,
            AzureReply.WEB_PUBSUB,
            List.of(EventRecord.of(id, "/" + KIND, event, payload, payload)),
            payload));
  }

  /** A header value read like an event field, for a time stamp and its message. */
  private static EventField header(String name, String value, String id) {
    return EventField.root(new JsonPrimitive(value), RawEvent.AZURE, KIND, name).withEventId(id);
  }

  /**
   * A required {@code ce-*} header, percent-decoded once (as every {@code ce-*} value of
   * CloudEvents binary mode), not blank.
   */
  private static String require(RawEvent raw, String header, String connection, String what) {
    return raw.header(header)
        .filter(v -> !v.isBlank())
        .map(v -> CloudEventHeaders.decodeString(what, header.toLowerCase(Locale.ROOT), v))
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                new BadEventException(
                    Problem.MISSING_FIELD,
                    "azure webpubsub request (connection "
                        + connection
                        + "): header "
                        + header
                        + " is missing"));
  }
}
