package io.github.cloudeventshandler.azure.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.RawEvent;
import io.github.cloudeventshandler.core.StrictJson;

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
    JsonElement json = raw.json();
    if (!json.isJsonArray() || json.getAsJsonArray().size() != 1) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "azure eventgrid validation for subscription '"
              + subscription
              + "': the body must be an array holding exactly one validation event");
    }
    JsonArray array = json.getAsJsonArray();
    if (!array.get(0).isJsonObject()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "azure eventgrid validation: the event is " + StrictJson.kindOf(array.get(0)));
    }
    JsonObject event = array.get(0).getAsJsonObject();
    String what = "azure eventgrid validation event";
    String id = JsonFields.optional(event, "id", what).orElse("-");
    what = what + " " + id + " (subscription '" + subscription + "')";
    String type = JsonFields.required(event, "eventType", what);
    if (!type.equals(EVENT_TYPE)) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": eventType '" + type + "' is not " + EVENT_TYPE);
    }
    JsonElement data = event.get("data");
    if (data == null || !data.isJsonObject()) {
      throw new BadEventException(Problem.MISSING_FIELD, what + ": field 'data' is missing");
    }
    String code = JsonFields.required(data.getAsJsonObject(), "validationCode", what);
    JsonObject reply = new JsonObject();
    reply.addProperty("validationResponse", code);
    return new HttpOutcome(
        AppResponse.of(200, "application/json", reply.toString()),
        "eventgrid.validation",
        id,
        "answered for subscription " + subscription);
  }
}
