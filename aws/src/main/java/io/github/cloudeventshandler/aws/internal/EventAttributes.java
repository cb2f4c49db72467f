package io.github.cloudeventshandler.aws.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Payload;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the CloudEvent of one AWS record from the attributes a classifier mapped (documented in
 * {@code aws/README.md}). Values are checked the way the CloudEvents spec requires: a non-empty id
 * and type, a URI-reference source, no control characters. Not part of the public API.
 *
 * <pre>{@code
 * CloudEvent ce = EventAttributes.of("aws.mq message 0", id, source, type)
 *     .time(t).subject(s).build();
 * }</pre>
 */
final class EventAttributes {
  private final String where;
  private final String id;
  private final String source;
  private final String type;
  private OffsetDateTime time;
  private String subject;
  private final Map<String, String> extensions = new LinkedHashMap<>();

  private EventAttributes(String where, String id, String source, String type) {
    this.where = where;
    this.id = Objects.requireNonNull(id, "id");
    this.source = Objects.requireNonNull(source, "source");
    this.type = Objects.requireNonNull(type, "type");
  }

  /** Starts the attributes of one record; {@code where} names it in error messages. */
  public static EventAttributes of(String where, String id, String source, String type) {
    return new EventAttributes(where, id, source, type);
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

  /** Adds an extension attribute (a lower-case name; the value is checked like the others). */
  public EventAttributes extension(String name, String value) {
    extensions.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * The CloudEvent, with {@code datacontenttype} {@code application/json}.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when an attribute cannot be a
   *     CloudEvents attribute value
   */
  public CloudEvent build() {
    check("id", id);
    check("type", type);
    check("source", source);
    if (subject != null) {
      check("subject", subject);
    }
    extensions.forEach((name, value) -> check("extension " + name, value));
    CloudEventBuilder b =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(uri(source))
            .withType(type)
            .withDataContentType(Payload.JSON);
    if (time != null) {
      b.withTime(time);
    }
    if (subject != null) {
      b.withSubject(subject);
    }
    extensions.forEach(b::withExtension);
    return b.build();
  }

  private URI uri(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "aws "
              + where
              + " (event id "
              + id
              + "): CloudEvent source '"
              + s
              + "' is not a URI-reference: "
              + e.getReason(),
          e);
    }
  }

  private void check(String attribute, String value) {
    if (value.isEmpty()) {
      throw new BadEventException(
          Problem.MISSING_FIELD, "aws " + where + ": CloudEvent " + attribute + " would be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            "aws "
                + where
                + ": CloudEvent "
                + attribute
                + " contains a control character (U+"
                + String.format(java.util.Locale.ROOT, "%04X", (int) c)
                + ")");
      }
    }
  }
}
