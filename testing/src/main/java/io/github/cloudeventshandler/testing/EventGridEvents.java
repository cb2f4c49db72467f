package io.github.cloudeventshandler.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Event Grid events as Azure delivers them, starting from the recorded ones, in both schemas: the
 * Event Grid schema ({@code id}, {@code topic}, {@code subject}, {@code eventType}, {@code
 * eventTime}, {@code data}, {@code dataVersion}, {@code metadataVersion}) and, with {@link
 * EventGridEvent#cloudEventSchema()}, the CloudEvents schema. Sent as they are they go to the
 * {@code @EventGridTrigger} ({@code AzureEventHandler.eventGrid}); {@link EventGridEvent#webhook()}
 * or {@link #webhook(EventGridEvent...)} makes the webhook delivery an HTTP trigger receives
 * ({@code POST /api/events}, a JSON array, the {@code aeg-*} headers).
 *
 * <pre>{@code
 * azure.send(EventGridEvents.blobCreated("acct", "books", "dune.pdf"));
 * assertThat(azure.send(EventGridEvents.blobCreated("acct", "books", "dune.pdf").webhook())).hasStatus(200);
 * }</pre>
 */
public final class EventGridEvents {
  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

  private EventGridEvents() {}

  /** An event of {@code eventType} about {@code subject} with this {@code data} JSON. */
  public static EventGridEvent event(String eventType, String subject, String data) {
    JsonObject e =
        Templates.input("azure/eventgrid/storage-blob-created")
            .getAsJsonArray()
            .get(0)
            .getAsJsonObject();
    return new EventGridEvent(e, false)
        .id(Templates.uuid())
        .time(Templates.now())
        .topic(
            "/subscriptions/"
                + SUBSCRIPTION
                + "/resourceGroups/local-rg/providers/Microsoft.EventGrid/topics/local-topic")
        .eventType(eventType)
        .subject(subject)
        .data(data);
  }

  /** {@code Microsoft.Storage.BlobCreated} of a block blob in a storage account's container. */
  public static EventGridEvent blobCreated(String account, String container, String blob) {
    return blob("azure/eventgrid/storage-blob-created", account, container, blob);
  }

  /** {@code Microsoft.Storage.BlobDeleted}. */
  public static EventGridEvent blobDeleted(String account, String container, String blob) {
    return blob("azure/eventgrid/storage-blob-deleted", account, container, blob);
  }

  private static EventGridEvent blob(
      String template, String account, String container, String blob) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(blob, "blob");
    JsonObject e = Templates.input(template).getAsJsonArray().get(0).getAsJsonObject();
    String requestId = Templates.uuid();
    JsonObject data = e.getAsJsonObject("data");
    data.addProperty(
        "url", "https://" + account + ".blob.core.windows.net/" + container + "/" + blob);
    data.addProperty("requestId", requestId);
    data.addProperty("clientRequestId", Templates.uuid());
    data.addProperty("sequencer", Templates.hex(16));
    return new EventGridEvent(e, false)
        .id(requestId)
        .time(Templates.now())
        .topic(
            "/subscriptions/"
                + SUBSCRIPTION
                + "/resourceGroups/local-rg/providers/Microsoft.Storage/storageAccounts/"
                + account)
        .subject("/blobServices/default/containers/" + container + "/blobs/" + blob);
  }

  /** A webhook delivery of these events (one array, as Event Grid batches them). */
  public static EventGridDelivery webhook(EventGridEvent... events) {
    return new EventGridDelivery(List.of(events), "LOCAL-SUBSCRIPTION");
  }

  /**
   * One event. Immutable: every method returns a changed copy. Sent as it is, it goes to the
   * {@code @EventGridTrigger}.
   */
  public static final class EventGridEvent extends AzureEvent {
    private final JsonObject event;
    private final boolean cloudEventSchema;
    private final Map<String, String> extensions;
    private final byte[] binaryData;

    EventGridEvent(JsonObject event, boolean cloudEventSchema) {
      this(event, cloudEventSchema, Map.of(), null);
    }

    private EventGridEvent(
        JsonObject event, boolean cloudEventSchema, Map<String, String> extensions, byte[] binary) {
      this.event = event;
      this.cloudEventSchema = cloudEventSchema;
      this.extensions = Map.copyOf(extensions);
      this.binaryData = binary;
    }

    private EventGridEvent with(Consumer<JsonObject> change) {
      JsonObject e = event.deepCopy();
      change.accept(e);
      return new EventGridEvent(e, cloudEventSchema, extensions, binaryData);
    }

    /** A CloudEvents extension attribute (CloudEvents schema only). */
    public EventGridEvent extension(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Map<String, String> x = new TreeMap<>(extensions);
      x.put(name, value);
      return new EventGridEvent(event, cloudEventSchema, x, binaryData);
    }

    /**
     * Binary data, sent as {@code data_base64} without a content type (CloudEvents schema only).
     */
    public EventGridEvent binaryData(byte[] data) {
      Objects.requireNonNull(data, "data");
      return new EventGridEvent(event, cloudEventSchema, extensions, data.clone());
    }

    /** {@code id}. */
    public EventGridEvent id(String id) {
      Objects.requireNonNull(id, "id");
      return with(e -> e.addProperty("id", id));
    }

    /** {@code topic}: the resource that published it (the CloudEvent source). */
    public EventGridEvent topic(String topic) {
      Objects.requireNonNull(topic, "topic");
      return with(e -> e.addProperty("topic", topic));
    }

    /** {@code subject}. */
    public EventGridEvent subject(String subject) {
      Objects.requireNonNull(subject, "subject");
      return with(e -> e.addProperty("subject", subject));
    }

    /** {@code eventType} (the route: the type without its last segment, lower-cased). */
    public EventGridEvent eventType(String eventType) {
      Objects.requireNonNull(eventType, "eventType");
      return with(e -> e.addProperty("eventType", eventType));
    }

    /** {@code eventTime}. */
    public EventGridEvent time(Instant time) {
      Objects.requireNonNull(time, "time");
      return with(e -> e.addProperty("eventTime", Templates.trimmed(time)));
    }

    /** {@code data}: any JSON value. */
    public EventGridEvent data(String data) {
      JsonElement d = JsonParser.parseString(Objects.requireNonNull(data, "data"));
      return with(e -> e.add("data", d));
    }

    /** {@code dataVersion}. */
    public EventGridEvent dataVersion(String dataVersion) {
      Objects.requireNonNull(dataVersion, "dataVersion");
      return with(e -> e.addProperty("dataVersion", dataVersion));
    }

    /**
     * The same event in the CloudEvents schema (a subscription with {@code
     * eventDeliverySchema=CloudEventSchemaV1_0}): {@code id}, {@code source} (the topic), {@code
     * type}, {@code subject}, {@code time}, {@code specversion}, {@code data}.
     */
    public EventGridEvent cloudEventSchema() {
      return new EventGridEvent(event, true, extensions, binaryData);
    }

    /** The webhook delivery of this event alone. */
    public EventGridDelivery webhook() {
      return EventGridEvents.webhook(this);
    }

    /** The event id. */
    public String id() {
      return event.get("id").getAsString();
    }

    boolean isCloudEventSchema() {
      return cloudEventSchema;
    }

    /** The event JSON in its schema. */
    public String toJson() {
      return Templates.GSON.toJson(json());
    }

    JsonObject json() {
      if (!cloudEventSchema && (binaryData != null || !extensions.isEmpty())) {
        throw new IllegalStateException(
            "binary data and extensions exist only in the CloudEvents schema: call cloudEventSchema()");
      }
      if (!cloudEventSchema) {
        return event.deepCopy();
      }
      JsonObject ce = new JsonObject();
      ce.addProperty("id", event.get("id").getAsString());
      ce.addProperty("source", event.get("topic").getAsString());
      ce.addProperty("type", event.get("eventType").getAsString());
      if (event.has("subject") && !event.get("subject").getAsString().isEmpty()) {
        ce.addProperty("subject", event.get("subject").getAsString());
      }
      ce.addProperty("time", event.get("eventTime").getAsString());
      ce.addProperty("specversion", "1.0");
      if (binaryData != null) {
        ce.addProperty("data_base64", Templates.base64(binaryData));
      } else if (event.has("data")) {
        ce.addProperty("datacontenttype", "application/json");
        ce.add("data", event.get("data").deepCopy());
      }
      extensions.forEach(ce::addProperty);
      return ce;
    }

    @Override
    PlatformReply sendTo(AzureInvoker azure) {
      String json = toJson();
      return azure.invoke("eventgrid", ctx -> azure.handler().eventGrid(json, ctx));
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  /** A webhook delivery: one HTTP request with an array of events of one schema. Immutable. */
  public static final class EventGridDelivery extends AzureEvent {
    private final List<EventGridEvent> events;
    private final String subscriptionName;

    EventGridDelivery(List<EventGridEvent> events, String subscriptionName) {
      if (events.isEmpty()) {
        throw new IllegalArgumentException("Event Grid never delivers an empty array");
      }
      boolean ce = events.get(0).isCloudEventSchema();
      if (events.stream().anyMatch(e -> e.isCloudEventSchema() != ce)) {
        throw new IllegalArgumentException("one delivery carries events of one schema");
      }
      this.events = List.copyOf(events);
      this.subscriptionName = Objects.requireNonNull(subscriptionName, "subscriptionName");
    }

    /** {@code aeg-subscription-name} (Event Grid sends it upper-cased). */
    public EventGridDelivery subscriptionName(String subscriptionName) {
      return new EventGridDelivery(events, subscriptionName);
    }

    /** The HTTP request the Functions host hands to the HTTP trigger (binary body binding). */
    public LocalAzureHttpRequest<Optional<byte[]>> toHttpRequest() {
      boolean ce = events.get(0).isCloudEventSchema();
      JsonArray body = new JsonArray();
      List<JsonObject> jsons = new ArrayList<>();
      events.forEach(e -> jsons.add(e.json()));
      jsons.forEach(body::add);
      LocalAzureHttpRequest.Builder b =
          LocalAzureHttpRequest.builder("POST", "/api/events")
              .header("aeg-event-type", "Notification")
              .header("aeg-subscription-name", subscriptionName)
              .header("aeg-delivery-count", "0")
              .header("aeg-metadata-version", ce ? "1.0" : "1")
              .header(
                  "Content-Type",
                  ce
                      ? "application/cloudevents-batch+json; charset=utf-8"
                      : "application/json; charset=utf-8");
      return b.bytes(Templates.bytes(body));
    }

    @Override
    PlatformReply sendTo(AzureInvoker azure) {
      return azure.send(toHttpRequest());
    }

    @Override
    public String toString() {
      return events.toString();
    }
  }
}
