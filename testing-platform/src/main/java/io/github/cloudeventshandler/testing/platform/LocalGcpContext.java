package io.github.cloudeventshandler.testing.platform;

import com.google.cloud.functions.Context;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Functions Framework {@link Context} of a legacy (background) event, as the Functions
 * Framework invoker builds it from the event's {@code context}: event id, timestamp, event type,
 * resource (an object resource as its JSON text) and, like the invoker's own context class, a
 * {@code domain()} method outside the public API for Realtime Database events (the gcp module's
 * {@code BackgroundEntryPoint} reads it).
 *
 * <pre>{@code
 * LocalGcpContext.BackgroundInput in = LocalGcpContext.fromLegacyEvent(recordedBytes);
 * new BackgroundEntryPoint(configuration, app).accept(in.data(), in.context());
 * }</pre>
 *
 * <p>Failure contract: {@link #fromLegacyEvent(byte[])} throws the core's {@code BadEventException}
 * for bytes that are not a strict JSON object; a field of the wrong type is turned into text, as
 * the invoker does. Immutable.
 */
public final class LocalGcpContext implements Context {
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private final String eventId;
  private final String timestamp;
  private final String eventType;
  private final String resource;
  private final String domain;
  private final Map<String, String> attributes;

  /**
   * A context with these values; any may be null (as when a legacy event leaves it out).
   *
   * @param resource the resource name, or an object resource as JSON text
   * @param domain the Realtime Database domain ({@code firebaseio.com}, ...), or null
   */
  public LocalGcpContext(
      String eventId, String timestamp, String eventType, String resource, String domain) {
    this(eventId, timestamp, eventType, resource, domain, Map.of());
  }

  private LocalGcpContext(
      String eventId,
      String timestamp,
      String eventType,
      String resource,
      String domain,
      Map<String, String> attributes) {
    this.eventId = eventId;
    this.timestamp = timestamp;
    this.eventType = eventType;
    this.resource = resource;
    this.domain = domain;
    this.attributes = Map.copyOf(attributes);
  }

  /** What a raw background function receives for one legacy event: the data JSON and a context. */
  public record BackgroundInput(String data, LocalGcpContext context) {
    /** Validates. */
    public BackgroundInput {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(context, "context");
    }
  }

  /**
   * Splits a legacy event body as the invoker does for a raw background function: {@code
   * {"data":…,"context":{…}}}, or the context fields at the top level (the beta shape); an object
   * {@code resource} becomes its JSON text; {@code null}s inside the data are kept.
   */
  public static BackgroundInput fromLegacyEvent(byte[] legacyEvent) {
    JsonObject body = StrictJson.parseObject(legacyEvent, JsonLimits.DEFAULT, "legacy event");
    JsonObject ctx = body.has("context") ? body.getAsJsonObject("context") : body;
    JsonElement resource = ctx.get("resource");
    String domain = ctx.has("domain") ? text(ctx.get("domain")) : text(body.get("domain"));
    LocalGcpContext context =
        new LocalGcpContext(
            text(ctx.get("eventId")),
            text(ctx.get("timestamp")),
            text(ctx.get("eventType")),
            resource == null || resource.isJsonNull()
                ? null
                : resource.isJsonPrimitive() ? resource.getAsString() : GSON.toJson(resource),
            domain);
    return new BackgroundInput(GSON.toJson(body.get("data")), context);
  }

  private static String text(JsonElement e) {
    return e == null || e.isJsonNull()
        ? null
        : e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }

  /** A copy with these {@link #attributes()} (what some hosts carry instead of {@code domain}). */
  public LocalGcpContext withAttributes(Map<String, String> attributes) {
    return new LocalGcpContext(
        eventId, timestamp, eventType, resource, domain, new LinkedHashMap<>(attributes));
  }

  @Override
  public String eventId() {
    return eventId;
  }

  @Override
  public String timestamp() {
    return timestamp;
  }

  @Override
  public String eventType() {
    return eventType;
  }

  @Override
  public String resource() {
    return resource;
  }

  @Override
  public Map<String, String> attributes() {
    return attributes;
  }

  /** The Realtime Database domain, like the invoker's {@code CloudFunctionsContext.domain()}. */
  public String domain() {
    return domain;
  }

  @Override
  public String toString() {
    return "LocalGcpContext[" + eventType + " " + eventId + "]";
  }
}
