package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.azure.AzureReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import io.github.cloudeventshandler.core.StrictJson;
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
    List<JsonObject> events = new ArrayList<>();
    if (json.isJsonObject()) {
      events.add(json.getAsJsonObject());
    } else if (json.isJsonArray()) {
      JsonArray a = json.getAsJsonArray();
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).isJsonObject()) {
          throw new BadEventException(
              Problem.INVALID_FIELD,
              "azure eventgrid delivery: element #"
                  + i
                  + " is "
                  + StrictJson.kindOf(a.get(i))
                  + ", not an event object");
        }
        events.add(a.get(i).getAsJsonObject());
      }
    } else {
      throw new BadEventException(
          Problem.MALFORMED_JSON,
          "azure eventgrid delivery: expected an event object or an array of events but found "
              + StrictJson.kindOf(json));
    }
    if (events.isEmpty()) {
      throw new BadEventException(
          Problem.MISSING_FIELD, "azure eventgrid delivery: the array holds no events");
    }
    boolean cloudEvents = CloudEventSchemaEvent.looksLike(events.get(0));
    List<EventRecord> records = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      JsonObject e = events.get(i);
      if (CloudEventSchemaEvent.looksLike(e) != cloudEvents) {
        throw new BadEventException(
            Problem.INCONSISTENT,
            "azure eventgrid delivery: event #"
                + i
                + " mixes the Event Grid and CloudEvents schemas");
      }
      if (cloudEvents) {
        records.add(CloudEventSchemaEvent.record(e, i));
      } else if (EventGridSchemaEvent.looksLike(e)) {
        records.add(EventGridSchemaEvent.record(e, i));
      } else {
        String id =
            e.has("id") && e.get("id").isJsonPrimitive() ? e.get("id").getAsString() : "#" + i;
        throw new BadEventException(
            Problem.MISSING_FIELD,
            "azure eventgrid event "
                + id
                + ": field 'eventType' (Event Grid schema) or 'specversion' (CloudEvents schema)"
                + " is missing");
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
