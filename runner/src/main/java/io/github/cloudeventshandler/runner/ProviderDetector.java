package io.github.cloudeventshandler.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which cloud (and which of its entry points) a recorded or received event belongs to. The
 * rules, in order (also in the README):
 *
 * <ol>
 *   <li>an entry point already named (corpus sidecar, {@code --entry-point}) wins;
 *   <li>HTTP hints: {@code OPTIONS} with {@code WebHook-Request-Origin}, {@code aeg-event-type},
 *       {@code ce-type: azure.webpubsub.*} → Azure HTTP trigger; {@code x-goog-pubsub-*} → GCP
 *       {@code HttpEntryPoint}; binary-mode {@code ce-*} headers → GCP {@code HttpEntryPoint} for
 *       {@code google.*} types, else the default provider;
 *   <li>a JSON array of Event Grid events or CloudEvents → Azure {@code eventGrid} trigger (all or
 *       nothing); over HTTP, or holding a {@code SubscriptionValidationEvent}, the Azure HTTP
 *       trigger (webhook, where the handshake is answered);
 *   <li>a structured CloudEvent: {@code google.*} → GCP ({@code CloudEventsEntryPoint}, or {@code
 *       HttpEntryPoint} when it came over HTTP), {@code Microsoft.*} → Azure {@code eventGrid}
 *       trigger, anything else → the default provider ({@code http} unless {@code --provider});
 *   <li>one Event Grid event ({@code eventType}, {@code subject}, {@code eventTime}) → Azure {@code
 *       eventGrid} trigger;
 *   <li>an Azure trigger recording ({@code functionName} + {@code input} or {@code inputBase64}) →
 *       the trigger named by {@code trigger}, else told by its metadata;
 *   <li>a GCP legacy event ({@code context.eventType}, or top-level {@code eventId} + {@code
 *       eventType}) → {@code BackgroundEntryPoint}; a Pub/Sub push ({@code subscription} + {@code
 *       message}) → {@code HttpEntryPoint};
 *   <li>a JSON object an AWS classifier claims → {@code LambdaHandler};
 *   <li>otherwise the {@code --provider} given, else an error naming what was looked at.
 * </ol>
 */
final class ProviderDetector {
  private final ClassifierRegistry registry;
  private final String defaultProvider;
  private final boolean providerForced;

  /**
   * @param defaultProvider {@code aws}, {@code gcp}, {@code azure} or {@code http}
   * @param providerForced whether the user named it ({@code --provider}): then it also takes events
   *     nothing recognises
   */
  ProviderDetector(ClassifierRegistry registry, String defaultProvider, boolean providerForced) {
    this.registry = registry;
    this.defaultProvider = defaultProvider;
    this.providerForced = providerForced;
  }

  /**
   * The entry point for this event.
   *
   * @throws UnrecognizedEventException when no rule applies, naming what was looked at
   */
  EntryPoint detect(Incoming in) {
    if (in.entryPoint() != null) {
      return in.entryPoint();
    }
    if (in.isHttp()) {
      Optional<EntryPoint> byHeaders = byHeaders(in);
      if (byHeaders.isPresent()) {
        return byHeaders.get();
      }
    }
    JsonElement json = null;
    try {
      json = StrictJson.parse(in.body(), JsonLimits.DEFAULT, in.label());
    } catch (BadEventException e) {
      // not JSON: only a forced provider can take it
    }
    if (json != null && json.isJsonArray()) {
      JsonArray a = json.getAsJsonArray();
      if (!a.isEmpty() && a.get(0).isJsonObject()) {
        JsonObject first = a.get(0).getAsJsonObject();
        if (isEventGridEvent(first) || isCloudEvent(first)) {
          return in.isHttp() || hasValidationEvent(a)
              ? EntryPoint.AZURE_HTTP
              : EntryPoint.AZURE_EVENTGRID;
        }
      }
    } else if (json != null && json.isJsonObject()) {
      Optional<EntryPoint> byBody = byBody(in, json.getAsJsonObject());
      if (byBody.isPresent()) {
        return byBody.get();
      }
    }
    if (providerForced) {
      return fallback(in);
    }
    throw new UnrecognizedEventException(
        in.label()
            + ": cannot tell which cloud this event comes from ("
            + describe(json, in)
            + "); name it with --provider aws|gcp|azure|http");
  }

  private Optional<EntryPoint> byHeaders(Incoming in) {
    if ("OPTIONS".equalsIgnoreCase(in.method())
        && in.headers().contains("WebHook-Request-Origin")) {
      return Optional.of(EntryPoint.AZURE_HTTP);
    }
    if (in.headers().contains("aeg-event-type")) {
      return Optional.of(EntryPoint.AZURE_HTTP);
    }
    String ceType = in.headers().first("ce-type").orElse("");
    if (ceType.startsWith("azure.webpubsub.")) {
      return Optional.of(EntryPoint.AZURE_HTTP);
    }
    if (in.headers().contains("x-goog-pubsub-message-id")
        || in.headers().contains("x-goog-pubsub-subscription-name")) {
      return Optional.of(EntryPoint.GCP_HTTP);
    }
    if (in.headers().contains("ce-specversion")) {
      return Optional.of(ceType.startsWith("google.") ? EntryPoint.GCP_HTTP : fallback(in));
    }
    return Optional.empty();
  }

  private Optional<EntryPoint> byBody(Incoming in, JsonObject o) {
    if (isCloudEvent(o)) {
      String type = string(o, "type");
      if (type.startsWith("google.")) {
        return Optional.of(in.isHttp() ? EntryPoint.GCP_HTTP : EntryPoint.GCP_CLOUDEVENTS);
      }
      if (type.startsWith("Microsoft.")) {
        return Optional.of(in.isHttp() ? EntryPoint.AZURE_HTTP : EntryPoint.AZURE_EVENTGRID);
      }
      return Optional.of(fallback(in));
    }
    if (isEventGridEvent(o)) {
      return Optional.of(in.isHttp() ? EntryPoint.AZURE_HTTP : EntryPoint.AZURE_EVENTGRID);
    }
    if (o.has("functionName") && (o.has("input") || o.has("inputBase64"))) {
      return Optional.of(AzureTriggers.triggerOf(o, in.label()));
    }
    JsonElement ctx = o.get("context");
    if ((ctx != null && ctx.isJsonObject() && ctx.getAsJsonObject().has("eventType"))
        || (o.has("eventId") && o.has("eventType"))) {
      return Optional.of(EntryPoint.GCP_BACKGROUND);
    }
    if (o.has("subscription")
        && o.get("subscription").isJsonPrimitive()
        && o.has("message")
        && o.get("message").isJsonObject()) {
      return Optional.of(EntryPoint.GCP_HTTP);
    }
    if (claimedByAws(in)) {
      return Optional.of(EntryPoint.LAMBDA);
    }
    return Optional.empty();
  }

  /** Whether an AWS classifier (not core's generic CloudEvents one) claims the bytes. */
  private boolean claimedByAws(Incoming in) {
    RawEvent raw = RawEvent.builder(RawEvent.AWS, in.body()).build();
    try {
      Optional<ClassifiedEvent> c = registry.find(raw);
      return c.isPresent() && !c.get().kind().equals("cloudevents");
    } catch (BadEventException e) {
      // a Lambda classifier claimed it and found it broken: LambdaHandler will say so
      return true;
    }
  }

  private EntryPoint fallback(Incoming in) {
    return switch (defaultProvider) {
      case "aws" -> EntryPoint.LAMBDA;
      case "gcp" -> EntryPoint.GCP_HTTP;
      case "azure" -> EntryPoint.AZURE_HTTP;
      default -> EntryPoint.CLOUDEVENTS_HTTP;
    };
  }

  /**
   * For a JSON array of Event Grid events (either schema): the {@code aeg-event-type} Event Grid
   * would send with it; empty for anything else.
   */
  static Optional<String> eventGridDeliveryType(byte[] body) {
    JsonElement json;
    try {
      json = StrictJson.parse(body, JsonLimits.DEFAULT, "event grid");
    } catch (BadEventException e) {
      return Optional.empty();
    }
    if (!json.isJsonArray() || json.getAsJsonArray().isEmpty()) {
      return Optional.empty();
    }
    JsonArray a = json.getAsJsonArray();
    if (!a.get(0).isJsonObject()
        || !(isEventGridEvent(a.get(0).getAsJsonObject())
            || isCloudEvent(a.get(0).getAsJsonObject()))) {
      return Optional.empty();
    }
    return Optional.of(hasValidationEvent(a) ? "SubscriptionValidation" : "Notification");
  }

  /** The handshake is answered only on the HTTP (webhook) path. */
  private static boolean hasValidationEvent(JsonArray a) {
    for (JsonElement e : a) {
      if (e.isJsonObject()
          && string(e.getAsJsonObject(), "eventType")
              .equals("Microsoft.EventGrid.SubscriptionValidationEvent")) {
        return true;
      }
    }
    return false;
  }

  static boolean isCloudEvent(JsonObject o) {
    return o.has("specversion") && o.has("id") && o.has("source") && o.has("type");
  }

  static boolean isEventGridEvent(JsonObject o) {
    return o.has("eventType") && o.has("subject") && o.has("eventTime") && o.has("id");
  }

  private static String string(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }

  private static String describe(JsonElement json, Incoming in) {
    if (json == null) {
      return in.body().length + " bytes, not JSON";
    }
    if (json.isJsonArray()) {
      return "a JSON array of " + json.getAsJsonArray().size() + " that is no Event Grid batch";
    }
    if (json.isJsonObject()) {
      return "top-level keys "
          + json.getAsJsonObject().keySet().stream().limit(12).toList()
          + ", no classifier of any cloud claims it";
    }
    return "a JSON " + json.getClass().getSimpleName().replace("Json", "").toLowerCase(Locale.ROOT);
  }
}
