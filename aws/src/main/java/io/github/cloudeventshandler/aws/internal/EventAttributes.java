package io.github.cloudeventshandler.aws.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.TraceContext;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the CloudEvent of one AWS record from the attributes a classifier derived from the event
 * (the mapping of each source is in {@code aws/README.md}). Every value goes through {@link
 * AttributeValues}: {@code source} becomes a URI-reference and {@code id}, {@code type} and {@code
 * subject} lose their control characters by percent-encoding, so a resource name with a space,
 * {@code <}, {@code {} or a line break never makes an event the platform delivered fail. The
 * values must not be empty (the classifiers read them with {@code EventField.string()}, which
 * reports an empty field). Not part of the public API.
 *
 * <pre>{@code
 * CloudEvent ce = EventAttributes.of(id, source, type).time(t).subject(s).build();
 * }</pre>
 */
final class EventAttributes {
  private final String id;
  private final String source;
  private final String type;
  private OffsetDateTime time;
  private String subject;
  private final Map<String, String> extensions = new LinkedHashMap<>();

  private EventAttributes(String id, String source, String type) {
    this.id = requireNonEmpty(id, "id");
    this.source = requireNonEmpty(source, "source");
    this.type = requireNonEmpty(type, "type");
  }

  /** Starts the attributes of one record. */
  public static EventAttributes of(String id, String source, String type) {
    return new EventAttributes(id, source, type);
  }

  /** Sets {@code time} (nullable). */
  public EventAttributes time(OffsetDateTime time) {
    this.time = time;
    return this;
  }

  /** Sets {@code subject} (nullable; an empty subject is left out). */
  public EventAttributes subject(String subject) {
    this.subject = subject == null || subject.isEmpty() ? null : subject;
    return this;
  }

  /**
   * Adds a String extension attribute (a lower-case name; the value made valid like the others).
   */
  public EventAttributes extension(String name, String value) {
    extensions.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Adds the distributed-tracing extension ({@code traceparent}, {@code tracestate}) when the event
   * carried a valid trace context.
   */
  public EventAttributes trace(Optional<TraceContext> trace) {
    trace.ifPresent(
        t -> {
          extensions.put(TraceContext.TRACEPARENT, t.traceparent());
          if (t.tracestate() != null) {
            extensions.put(TraceContext.TRACESTATE, t.tracestate());
          }
        });
    return this;
  }

  /** The CloudEvent, with {@code datacontenttype} {@code application/json}. */
  public CloudEvent build() {
    CloudEventBuilder b =
        CloudEventBuilder.v1()
            .withId(AttributeValues.string(id))
            .withSource(AttributeValues.uriReference(source))
            .withType(AttributeValues.string(type))
            .withDataContentType(Payload.JSON);
    if (time != null) {
      b.withTime(time);
    }
    if (subject != null) {
      b.withSubject(AttributeValues.string(subject));
    }
    extensions.forEach((name, value) -> b.withExtension(name, AttributeValues.string(value)));
    return b.build();
  }

  private static String requireNonEmpty(String value, String name) {
    if (Objects.requireNonNull(value, name).isEmpty()) {
      throw new IllegalArgumentException("CloudEvent " + name + " cannot be empty");
    }
    return value;
  }
}
