package io.github.cloudeventshandler.azure.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a non-HTTP trigger handed to the function, as the {@code platformContext} of a {@code
 * RawEvent}: which trigger it was, the function's name, and one {@link Item} per record with the
 * binding metadata Azure gave for it (names as Azure spells them: {@code Id}, {@code DequeueCount},
 * {@code SequenceNumber}, ...). The classifier of that trigger recognises it by {@link #trigger()};
 * no classifier has to guess from bytes which trigger delivered them.
 *
 * @param trigger the trigger
 * @param functionName the function's name (from {@code ExecutionContext}), part of the CloudEvent
 *     source
 * @param items the records, at least one
 * @param context the {@code ExecutionContext}, handed on to the application; may be null
 */
public record TriggerInput(
    AzureTrigger trigger, String functionName, List<Item> items, Object context) {

  /** Validates and copies. */
  public TriggerInput {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(functionName, "functionName");
    items = List.copyOf(items);
  }

  /**
   * One record as the trigger bound it.
   *
   * @param body the record's bytes (a message, an event, a blob, a document, the timer JSON)
   * @param metadata binding metadata; null values are dropped
   */
  public record Item(byte[] body, Map<String, Object> metadata) {
    /** Validates and copies. */
    public Item {
      body = Objects.requireNonNull(body, "body").clone();
      Map<String, Object> m = new LinkedHashMap<>();
      if (metadata != null) {
        metadata.forEach(
            (k, v) -> {
              if (k != null && v != null) {
                m.put(k, v);
              }
            });
      }
      metadata = java.util.Collections.unmodifiableMap(m);
    }

    /** A copy of the bytes. */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /** A metadata value as text, when present and not blank. */
    public java.util.Optional<String> text(String name) {
      Object v = metadata.get(name);
      return v == null
          ? java.util.Optional.empty()
          : java.util.Optional.of(String.valueOf(v)).filter(s -> !s.isBlank());
    }
  }
}
