package io.github.cloudeventshandler.core.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.classifier.StandardReply;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.RoutePaths;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises CloudEvents v1.0 from any provider: structured JSON ({@code Content-Type:
 * application/cloudevents+json}, or a bare JSON object with {@code specversion} when there are no
 * transport headers, as on Lambda), batches ({@code application/cloudevents-batch+json}) and HTTP
 * binary mode ({@code ce-*} headers). Kind {@value #KIND}, route {@code /} + the source made
 * path-safe ({@link RoutePaths#fromSource}), under {@code /unverified} when it would land in a
 * reserved service namespace ({@link RoutePaths#publisherChosen}). Runs after every
 * provider-specific classifier (priority {@value #PRIORITY}). Loaded by {@link
 * java.util.ServiceLoader}; not part of the public API.
 */
public final class CloudEventsClassifier implements EventClassifier {
  /** The kind of every event this classifier recognises. */
  public static final String KIND = "cloudevents";

  /** After the provider-specific classifiers (default 100). */
  public static final int PRIORITY = 1000;

  static final String STRUCTURED = "application/cloudevents+json";
  static final String BATCH = "application/cloudevents-batch+json";

  /** Public for {@link java.util.ServiceLoader}. */
  public CloudEventsClassifier() {}

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    String contentType = raw.contentType().orElse(null);
    String media = contentType == null ? "" : StructuredCloudEvent.mediaType(contentType);
    if (media.startsWith("application/cloudevents-batch")) {
      checkJsonFormat(raw, media, contentType, BATCH);
      return Optional.of(batch(raw, contentType));
    }
    if (media.startsWith("application/cloudevents")) {
      checkJsonFormat(raw, media, contentType, STRUCTURED);
      return Optional.of(structured(raw, raw.json(), contentType));
    }
    if (BinaryCloudEvent.claims(raw.headers())) {
      return Optional.of(binary(raw));
    }
    if (raw.headers().size() == 0 && raw.looksLikeJson()) {
      JsonElement json;
      try {
        json = raw.json();
      } catch (BadEventException e) {
        return Optional.empty(); // not recognisably a CloudEvent; CEH_UNRECOGNIZED decides
      }
      if (json.isJsonObject() && looksLikeCloudEvent(json.getAsJsonObject())) {
        return Optional.of(structured(raw, json, STRUCTURED));
      }
    }
    return Optional.empty();
  }

  /**
   * A bare JSON object is taken for a structured CloudEvent when it has {@code specversion} (in any
   * case, so that {@code specVersion} is reported as misspelled), or all of {@code id}, {@code
   * source} and {@code type} (so a CloudEvent that lost its specversion is reported, while
   * EventBridge's {@code id}+{@code source}+{@code detail-type} is not claimed).
   */
  static boolean looksLikeCloudEvent(JsonObject o) {
    if (o.has("id") && o.has("source") && o.has("type")) {
      return true;
    }
    for (String name : o.keySet()) {
      if (name.equalsIgnoreCase("specversion")) {
        return true; // also "specVersion", so that its spelling is reported
      }
    }
    return false;
  }

  private static void checkJsonFormat(
      RawEvent raw, String media, String contentType, String expected) {
    if (!media.equals(expected) && !media.equals("application/cloudevents")) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          raw.provider()
              + " CloudEvent: event format "
              + EventField.quote(contentType)
              + " is not supported; send "
              + expected
              + " or HTTP binary mode");
    }
    String lower = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
    int charset = lower.indexOf("charset=");
    if (charset >= 0) {
      String cs = lower.substring(charset + "charset=".length()).split(";", 2)[0].replace("\"", "");
      if (!cs.equals("utf-8") && !cs.equals("utf8")) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            raw.provider()
                + " CloudEvent: charset "
                + EventField.quote(cs)
                + " is not supported; the CloudEvents JSON format is UTF-8");
      }
    }
  }

  private static ClassifiedEvent structured(RawEvent raw, JsonElement json, String contentType) {
    if (!json.isJsonObject()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          raw.provider()
              + " structured CloudEvent: expected a JSON object but found "
              + StrictJson.kindOf(json));
    }
    ParsedCloudEvent e =
        StructuredCloudEvent.read(json.getAsJsonObject(), raw.provider(), "structured");
    return classified(raw, List.of(record(e, null)), raw.payload(contentType));
  }

  private static ClassifiedEvent batch(RawEvent raw, String contentType) {
    JsonElement json = raw.json();
    if (!json.isJsonArray()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          raw.provider()
              + " CloudEvents batch: expected a JSON array of events but found "
              + StrictJson.kindOf(json));
    }
    JsonArray array = json.getAsJsonArray();
    if (array.isEmpty()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          raw.provider() + " CloudEvents batch: the batch is empty; there is no event to deliver");
    }
    List<EventRecord> records = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonElement item = array.get(i);
      if (!item.isJsonObject()) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            raw.provider()
                + " CloudEvents batch: element ["
                + i
                + "] is "
                + StrictJson.kindOf(item)
                + ", not an event object");
      }
      ParsedCloudEvent e =
          StructuredCloudEvent.read(item.getAsJsonObject(), raw.provider(), "batch[" + i + "]");
      records.add(record(e, e.event().getId()));
    }
    return classified(raw, records, raw.payload(contentType));
  }

  private static ClassifiedEvent binary(RawEvent raw) {
    if (raw.bodyLength() > raw.limits().maxBytes()) {
      throw new BadEventException(
          Problem.TOO_LARGE,
          raw.provider()
              + " binary-mode CloudEvent: body of "
              + raw.bodyLength()
              + " bytes is over the limit of "
              + raw.limits().maxBytes()
              + " bytes");
    }
    ParsedCloudEvent e = BinaryCloudEvent.read(raw);
    return classified(raw, List.of(record(e, null)), e.data());
  }

  /**
   * The record, routed by its source: a CloudEvent of unknown origin says what it likes in {@code
   * source}, so the route goes through {@link RoutePaths#publisherChosen}.
   */
  private static EventRecord record(ParsedCloudEvent e, String itemId) {
    String route =
        RoutePaths.publisherChosen(RoutePaths.fromSource(e.event().getSource().toString()));
    return EventRecord.of(itemId, route, e.event(), e.data(), e.data());
  }

  private static ClassifiedEvent classified(
      RawEvent raw, List<EventRecord> records, Payload whole) {
    return new ClassifiedEvent(
        raw.provider(), KIND, Delivery.ALL_OR_NOTHING, StandardReply.EVENT, records, whole);
  }
}
