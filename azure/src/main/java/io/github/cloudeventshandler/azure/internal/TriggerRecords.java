package io.github.cloudeventshandler.azure.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.azure.AzureReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the items of a {@link TriggerInput} into records: one CloudEvent per item with the
 * trigger's type, source {@code urn:azure:functions:<functionName>}, the id and time taken from the
 * named metadata, and the item's bytes as the body (both payload modes: the Java binding hands over
 * no envelope). Used by the per-trigger classifiers, which own the metadata names.
 */
final class TriggerRecords {
  /** Metadata key under which the entry point passes the invocation id. */
  static final String INVOCATION_ID = "InvocationId";

  private TriggerRecords() {}

  /** How one trigger names its metadata. */
  record Spec(
      AzureTrigger trigger,
      List<String> idKeys,
      boolean idRequired,
      List<String> timeKeys,
      String subjectKey,
      Map<String, List<String>> extensions,
      String defaultContentType,
      Delivery delivery) {}

  /** The trigger input, when the raw event came through {@code trigger}. */
  static Optional<TriggerInput> input(RawEvent raw, AzureTrigger trigger) {
    if (!RawEvent.AZURE.equals(raw.provider())) {
      return Optional.empty();
    }
    return raw.platformContext()
        .filter(TriggerInput.class::isInstance)
        .map(TriggerInput.class::cast)
        .filter(t -> t.trigger() == trigger);
  }

  /** Classifies a trigger input per its spec. */
  static ClassifiedEvent classify(RawEvent raw, TriggerInput input, Spec spec) {
    AzureTrigger trigger = spec.trigger();
    if (input.items().isEmpty()) {
      throw new BadEventException(
          Problem.MISSING_FIELD,
          "azure "
              + trigger.kind()
              + ": the trigger delivered no records (function "
              + input.functionName()
              + ")");
    }
    List<EventRecord> records = new ArrayList<>(input.items().size());
    URI source = AttributeValues.uriReference("urn:azure:functions:" + input.functionName());
    for (int i = 0; i < input.items().size(); i++) {
      TriggerInput.Item item = input.items().get(i);
      String where =
          "azure " + trigger.kind() + " record " + i + " (function " + input.functionName() + ")";
      String id = first(item, spec.idKeys()).orElse(null);
      if (id == null) {
        if (spec.idRequired()) {
          throw new BadEventException(
              Problem.MISSING_FIELD,
              where
                  + ": metadata "
                  + String.join(" / ", spec.idKeys())
                  + " is missing; bind it with @BindingName(\""
                  + spec.idKeys().get(0)
                  + "\")");
        }
        String invocation = item.text(INVOCATION_ID).orElse("invocation");
        id = input.items().size() == 1 ? invocation : invocation + "-" + i;
      }
      byte[] body = item.body();
      String contentType = contentType(body, spec.defaultContentType());
      CloudEventBuilder ce =
          CloudEventBuilder.v1()
              .withId(AttributeValues.string(id))
              .withSource(source)
              .withType(trigger.eventType())
              .withDataContentType(contentType)
              .withData(body);
      first(item, spec.timeKeys()).flatMap(TriggerRecords::time).ifPresent(ce::withTime);
      if (spec.subjectKey() != null) {
        item.text(spec.subjectKey()).map(AttributeValues::string).ifPresent(ce::withSubject);
      }
      spec.extensions()
          .forEach(
              (name, keys) ->
                  first(item, keys)
                      .ifPresent(v -> ce.withExtension(name, AttributeValues.string(v))));
      TraceProperties.of(item).ifPresent(t -> t.addTo(ce));
      CloudEvent event = ce.build();
      Payload payload = new Payload(contentType, body);
      records.add(EventRecord.of(id, trigger.route(), event, payload, payload));
    }
    return new ClassifiedEvent(
        RawEvent.AZURE,
        trigger.kind(),
        spec.delivery(),
        AzureReply.TRIGGER,
        records,
        new Payload(
            records.size() == 1 ? records.get(0).nativePayload().contentType() : Payload.JSON,
            raw.body()));
  }

  private static Optional<String> first(TriggerInput.Item item, List<String> keys) {
    for (String k : keys) {
      Optional<String> v = item.text(k);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  /** RFC 3339 time, or empty when the host gave another format (the time is then left out). */
  private static Optional<OffsetDateTime> time(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text.trim()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code application/json} when the bytes are a JSON object or array, otherwise the trigger's
   * default ({@code text/plain; charset=utf-8} for text triggers, {@code application/octet-stream}
   * for blobs).
   */
  static String contentType(byte[] body, String dflt) {
    RawEvent probe = RawEvent.builder(RawEvent.AZURE, body).build();
    if (probe.looksLikeJson()) {
      try {
        StrictJson.parse(body, JsonLimits.DEFAULT, "probe");
        return Payload.JSON;
      } catch (BadEventException e) {
        return dflt;
      }
    }
    return dflt;
  }
}
