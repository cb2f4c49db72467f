package io.github.cloudeventshandler.gcp;

import com.google.cloud.functions.Context;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Functions Framework {@link Context} as the invoker builds one for a legacy event, with the
 * invoker's non-public {@code domain()} too. {@link #deliver(byte[])} splits a recorded legacy body
 * into what a raw background function receives.
 */
final class TestContext implements Context {
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private final String eventId;
  private final String timestamp;
  private final String eventType;
  private final String resource;
  private final String domain;

  TestContext(String eventId, String timestamp, String eventType, String resource, String domain) {
    this.eventId = eventId;
    this.timestamp = timestamp;
    this.eventType = eventType;
    this.resource = resource;
    this.domain = domain;
  }

  /** The data JSON and context of a legacy event body, as the invoker hands them over. */
  record Delivery(String data, TestContext context) {}

  /**
   * Splits a legacy body: {@code {"data":…,"context":{…}}} or the fields at top level; an object
   * resource becomes its JSON text; nulls inside the data are kept (as invoker 2.0.0 keeps them).
   */
  static Delivery deliver(byte[] legacyBody) {
    JsonObject body =
        JsonParser.parseString(new String(legacyBody, StandardCharsets.UTF_8)).getAsJsonObject();
    JsonObject ctx = body.has("context") ? body.getAsJsonObject("context") : body;
    JsonElement resource = ctx.get("resource");
    String domain =
        ctx.has("domain")
            ? ctx.get("domain").getAsString()
            : body.has("domain") ? body.get("domain").getAsString() : null;
    TestContext c =
        new TestContext(
            text(ctx.get("eventId")),
            text(ctx.get("timestamp")),
            text(ctx.get("eventType")),
            resource == null
                ? null
                : resource.isJsonPrimitive() ? resource.getAsString() : GSON.toJson(resource),
            domain);
    return new Delivery(GSON.toJson(body.get("data")), c);
  }

  private static String text(JsonElement e) {
    return e == null || e.isJsonNull() ? null : e.getAsString();
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
    return Map.of();
  }

  /** Like the invoker's package-private {@code CloudFunctionsContext.domain()}. */
  String domain() {
    return domain;
  }
}
