package io.github.cloudeventshandler.aws.internal;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
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
    EventField event = EventFields.root(raw, KIND).orElse(null);
    if (event == null || !event.get("bot").isObject()) {
      return Optional.empty();
    }
    boolean v1 = event.has("outputDialogMode") && event.get("currentIntent").isObject();
    boolean v2 = event.get("sessionState").isObject() && event.has("messageVersion");
    if (!v1 && !v2) {
      return Optional.empty();
    }
    String id =
        v2
            ? event
                .get("sessionState")
                .get("originatingRequestId")
                .optString()
                .orElseGet(() -> FallbackIds.invocation(raw))
            : FallbackIds.invocation(raw);
    event = event.withEventId(id);
    EventField bot = event.get("bot");
    String source =
        v2 ? "aws:lexv2/" + bot.get("id").string() : "aws:lex/" + bot.get("name").string();
    String invocation = event.get("invocationSource").optString().orElse("CodeHook");
    EventField intent = v2 ? event.get("sessionState").get("intent") : event.get("currentIntent");
    CloudEvent ce =
        EventAttributes.of(id, source, "com.amazonaws.lex." + invocation)
            .subject(intent.get("name").optString().orElse(null))
            .build();
    Payload whole = raw.payload(Payload.JSON);
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AWS,
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.RESPONSE_BODY,
            List.of(EventRecord.of(null, ROUTE, ce, whole, whole)),
            whole));
  }
}
