package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;

/**
 * The Event Grid subscription validation handshake (Event Grid schema): a POST with {@code
 * aeg-event-type: SubscriptionValidation} whose body is an array holding one {@code
 * Microsoft.EventGrid.SubscriptionValidationEvent} with {@code data.validationCode}. Answered
 * {@code 200 {"validationResponse": code}} only when {@code aeg-subscription-name} is allowed
 * ({@code CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS}); otherwise 403 and no echo. The {@code
 * validationUrl} is never fetched. Nothing reaches the application.
 */
final class SubscriptionValidation {
  static final String DELIVERY = "SubscriptionValidation";
  static final String EVENT_TYPE = "Microsoft.EventGrid.SubscriptionValidationEvent";

  private SubscriptionValidation() {}

  static HttpOutcome answer(RawEvent raw, AzureSettings settings) {
    String subscription =
        raw.header("aeg-subscription-name")
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new BadEventException(
                        Problem.MISSING_FIELD,
                        "azure eventgrid validation: header aeg-subscription-name is missing"));
    if (!settings.subscriptionAllowed(subscription)) {
      throw new BadEventException(
          Problem.FORBIDDEN,
          "azure eventgrid validation: subscription '"
              + subscription
              + "' is not in "
              + AzureSettings.EVENTGRID_ALLOWED_SUBSCRIPTIONS);
    }
    EventField root = EventField.root(raw.json(), RawEvent.AZURE, "azure.eventgrid.validation");
    if (!root.isArray() || root.elements().size() != 1) {
      throw root.invalid(
          "must be an array holding exactly one validation event (subscription '"
              + subscription
              + "')");
    }
    EventField event = root.get(0);
    event.requireObject();
    String id = event.get("id").optString().orElse("-");
    event = event.withEventId(id);
    String type = event.get("eventType").string();
    if (!type.equals(EVENT_TYPE)) {
      throw event.get("eventType").invalid("is " + EventField.quote(type) + ", not " + EVENT_TYPE);
    }
    EventField data = event.get("data");
    data.requireObject();
    String code = data.get("validationCode").string();
    JsonObject reply = new JsonObject();
    reply.addProperty("validationResponse", code);
    return new HttpOutcome(
        AppResponse.of(200, "application/json", reply.toString()),
        "eventgrid.validation",
        id,
        "answered for subscription " + subscription);
  }
}
