package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonElement;
import io.github.cloudeventshandler.azure.AzureReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Azure Event Grid, in the Event Grid schema or the CloudEvents schema, from the
 * {@code @EventGridTrigger} (a {@link TriggerInput}) or from a webhook delivery over the HTTP
 * trigger (a request carrying {@code aeg-event-type: Notification} or {@code
 * SubscriptionDeletion}). The body is one event or an array of events of one schema; every event is
 * checked before any is dispatched, so a malformed event rejects the whole array. Kind {@code
 * azure.eventgrid}; each record's route comes from its type, checked against its topic ({@link
 * EventGridRoutes}); delivery is all-or-nothing.
 */
public final class EventGridClassifier implements EventClassifier {
  /** The kind of every Event Grid event. */
  public static final String KIND = "azure.eventgrid";

  /** Event Grid's delivery header naming what the request is. */
  public static final String EVENT_TYPE_HEADER = "aeg-event-type";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    if (!RawEvent.AZURE.equals(raw.provider())) {
      return Optional.empty();
    }
    Optional<TriggerInput> trigger = TriggerRecords.input(raw, AzureTrigger.EVENT_GRID);
    if (trigger.isPresent()) {
      return Optional.of(classify(raw, trigger.get().items().get(0).body(), AzureReply.TRIGGER));
    }
    Optional<String> delivery = raw.header(EVENT_TYPE_HEADER);
    if (raw.method().isEmpty() || delivery.isEmpty()) {
      return Optional.empty();
    }
    String d = delivery.get();
    if (!d.equals("Notification") && !d.equals("SubscriptionDeletion")) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "azure eventgrid: header aeg-event-type '"
              + d
              + "' is not Notification, SubscriptionDeletion or SubscriptionValidation");
    }
    return Optional.of(classify(raw, raw.body(), AzureReply.EVENT_GRID_WEBHOOK));
  }

  private static ClassifiedEvent classify(RawEvent raw, byte[] body, AzureReply reply) {
    JsonElement json = StrictJson.parse(body, raw.limits(), "azure eventgrid delivery");
    EventField root = EventField.root(json, RawEvent.AZURE, KIND);
    List<EventField> events;
    if (root.isObject()) {
      events = List.of(root);
    } else if (root.isArray()) {
      events = root.elements();
    } else {
      throw root.problem(
          Problem.MALFORMED_JSON,
          "is "
              + StrictJson.kindOf(json)
              + ", but an Event Grid delivery is an event object or an array of events",
          null);
    }
    if (events.isEmpty()) {
      throw root.missing("is an empty array; there is no event to deliver");
    }
    for (EventField e : events) {
      if (!e.isObject()) {
        throw e.invalid("is " + StrictJson.kindOf(e.json()) + ", not an event object");
      }
    }
    boolean cloudEvents = CloudEventSchemaEvent.looksLike(events.get(0));
    List<EventRecord> records = new ArrayList<>(events.size());
    for (EventField e : events) {
      if (CloudEventSchemaEvent.looksLike(e) != cloudEvents) {
        throw e.problem(
            Problem.INCONSISTENT,
            "mixes the Event Grid and CloudEvents schemas with the first event",
            null);
      }
      if (cloudEvents) {
        records.add(CloudEventSchemaEvent.record(e));
      } else if (EventGridSchemaEvent.looksLike(e)) {
        records.add(EventGridSchemaEvent.record(e));
      } else {
        throw e.withEventId(e.get("id").isString() ? e.get("id").optString().orElse(null) : null)
            .missing(
                "has neither 'eventType' (Event Grid schema) nor 'specversion' (CloudEvents"
                    + " schema)");
      }
    }
    return new ClassifiedEvent(
        RawEvent.AZURE,
        KIND,
        Delivery.ALL_OR_NOTHING,
        reply,
        records,
        new Payload(Payload.JSON, body));
  }
}
