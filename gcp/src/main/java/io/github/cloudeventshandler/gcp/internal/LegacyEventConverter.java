package io.github.cloudeventshandler.gcp.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Converts legacy background events to CloudEvents by the Functions Framework rules (protocols.md
 * §3.4): {@code id} = eventId, {@code time} = timestamp, {@code datacontenttype} {@code
 * application/json}, {@code source} = {@code //<service>/<source part>}, {@code type} per family.
 * Each family owns its own event types; this class only looks them up. Thread-safe.
 */
public final class LegacyEventConverter {
  private static final List<LegacyEventFamily> FAMILIES =
      List.of(
          new StorageLegacyEvents(),
          new PubSubLegacyEvents(),
          new FirestoreLegacyEvents(),
          new FirebaseAuthLegacyEvents(),
          new FirebaseDatabaseLegacyEvents(),
          new FirebaseAnalyticsLegacyEvents());

  private static final Map<String, LegacyEventFamily> BY_TYPE = index();

  private LegacyEventConverter() {}

  private static Map<String, LegacyEventFamily> index() {
    Map<String, LegacyEventFamily> m = new HashMap<>();
    for (LegacyEventFamily f : FAMILIES) {
      for (String type : f.types().keySet()) {
        if (m.put(type, f) != null) {
          throw new IllegalStateException("legacy event type claimed twice: " + type);
        }
      }
    }
    return Map.copyOf(m);
  }

  /**
   * The CloudEvent for a legacy event.
   *
   * @throws UnrecognizedEventException when no family knows the legacy event type
   * @throws BadEventException when a field is invalid (timestamp, data shape)
   */
  public static CloudEvent convert(LegacyEvent event) {
    LegacyEventFamily family = BY_TYPE.get(event.eventType());
    if (family == null) {
      throw new UnrecognizedEventException(
          event.describe()
              + ": the legacy eventType is not one the Functions Framework converts (known: "
              + new TreeSet<>(BY_TYPE.keySet())
              + ")");
    }
    String service =
        event.service() != null && !event.service().isBlank()
            ? event.service()
            : family.defaultService();
    String[] sourceAndSubject = family.sourceAndSubject(event);
    byte[] data = JsonText.write(family.reshape(event)).getBytes(StandardCharsets.UTF_8);
    CloudEventBuilder b =
        CloudEventBuilder.v1()
            .withId(AttributeValues.string(event.eventId()))
            .withSource(source(service, sourceAndSubject[0]))
            .withType(family.types().get(event.eventType()))
            .withDataContentType(Payload.JSON)
            .withData(data);
    if (sourceAndSubject[1] != null) {
      b.withSubject(sourceAndSubject[1]);
    }
    if (event.timestamp() != null) {
      b.withTime(time(event));
    }
    return b.build();
  }

  /**
   * {@code //<service>/<path>}, with both parts percent-encoded where they hold characters a URI
   * cannot ({@link AttributeValues#uriPath}): resource names are data, so the source is always a
   * valid URI-reference and the event is never refused for it. Names Google documents are
   * unchanged.
   */
  private static URI source(String service, String path) {
    return URI.create(
        "//" + AttributeValues.uriAuthority(service) + "/" + AttributeValues.uriPath(path));
  }

  private static OffsetDateTime time(LegacyEvent event) {
    try {
      return OffsetDateTime.parse(event.timestamp(), DateTimeFormatter.ISO_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          event.describe() + ": timestamp '" + event.timestamp() + "' is not an RFC 3339 time",
          e);
    }
  }
}
