package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import java.util.List;
import java.util.Optional;

/**
 * Amazon Lex code hooks, V1 ({@code bot}, {@code outputDialogMode}, {@code currentIntent}) and V2
 * ({@code bot}, {@code sessionState}, {@code messageVersion}) → {@code POST /aws.lex}, one request.
 * Lex waits for the answer: the application's JSON body (a Lex dialog action) is the Lambda result,
 * and a non-2xx answer makes the handler throw.
 *
 * <p>CloudEvent: id V2 {@code sessionState.originatingRequestId}, otherwise the Lambda request id;
 * source {@code aws:lex/} + {@code bot.name} (V1) or {@code aws:lexv2/} + {@code bot.id} (V2); type
 * {@code com.amazonaws.lex.} + {@code invocationSource} ({@code DialogCodeHook}, {@code
 * FulfillmentCodeHook}); subject the intent name ({@code currentIntent.name}, V2 {@code
 * sessionState.intent.name}); no time. Both payload modes send the event as it is.
 *
 * <pre>{@code
 * ClassifierRegistry.of(new LexClassifier()).classify(raw).route(); // "/aws.lex"
 * }</pre>
 *
 * <p>Fails with {@code BadEventException} when {@code bot.name} (V1) or {@code bot.id} (V2) is
 * missing.
 */
public final class LexClassifier implements EventClassifier {
  static final String KIND = "aws.lex";
  static final String ROUTE = "/aws.lex";

  /** Creates the classifier (found by {@link java.util.ServiceLoader}). */
  public LexClassifier() {}

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    Optional<JsonObject> root = EventFields.root(raw).filter(r -> EventFields.isObject(r, "bot"));
    if (root.isEmpty()) {
      return Optional.empty();
    }
    JsonObject event = root.get();
    boolean v1 = event.has("outputDialogMode") && EventFields.isObject(event, "currentIntent");
    boolean v2 = EventFields.isObject(event, "sessionState") && event.has("messageVersion");
    if (!v1 && !v2) {
      return Optional.empty();
    }
    JsonObject bot = event.getAsJsonObject("bot");
    String id =
        v2
            ? EventFields.optString(event.getAsJsonObject("sessionState"), "originatingRequestId")
                .orElseGet(() -> FallbackIds.invocation(raw))
            : FallbackIds.invocation(raw);
    String where = KIND + (v2 ? " V2" : " V1") + " event (id " + id + ")";
    String source =
        v2
            ? "aws:lexv2/" + EventFields.requireString(bot, "id", where + " bot")
            : "aws:lex/" + EventFields.requireString(bot, "name", where + " bot");
    String invocation = EventFields.optString(event, "invocationSource").orElse("CodeHook");
    var attrs = EventAttributes.of(where, id, source, "com.amazonaws.lex." + invocation);
    JsonObject intent =
        v2
            ? EventFields.optObject(event.getAsJsonObject("sessionState"), "intent").orElse(null)
            : event.getAsJsonObject("currentIntent");
    EventFields.optString(intent, "name").ifPresent(attrs::subject);
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.RESPONSE_BODY,
            List.of(EventRecord.of(null, ROUTE, attrs.build(), whole, whole)),
            whole));
  }
}
