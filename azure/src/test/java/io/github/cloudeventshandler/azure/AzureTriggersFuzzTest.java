package io.github.cloudeventshandler.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.azure.functions.ExecutionContext;
import io.github.cloudeventshandler.conformance.EntryPointFuzzTests;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Fuzzes the trigger methods of {@link AzureEventHandler} — Event Grid, Storage Queue, Service Bus,
 * Event Hubs, Blob, Timer, Cosmos DB — with the corpus's trigger cases as seeds. A case holds what
 * the host binds ({@code input} or {@code inputBase64}, and {@code metadata}; an Event Grid case is
 * the event itself); after mutation, the bound values are read as leniently as the host would bind
 * them (a non-string value as its JSON text, a number that is no {@code long} as 0). The variant
 * picks the trigger: the seed's own, or another one, so that every trigger also gets the other
 * sources' payloads. The modes and the kept inputs: {@link EntryPointFuzzTests}, docs/fuzzing.md.
 */
class AzureTriggersFuzzTest extends EntryPointFuzzTests<AzureEventHandler> {
  private static final List<String> TRIGGERS =
      List.of("eventgrid", "queue", "servicebus", "eventhubs", "blob", "timer", "cosmosdb");

  /**
   * One execution context for every run, with a silent logger of its own: a {@link
   * LocalAzureContext} keeps every log record unless given a logger, and a million calls must keep
   * no history.
   */
  static final ExecutionContext CONTEXT =
      LocalAzureContext.create("fuzz", "inv-fuzz").withLogger(silentLogger());

  private static Logger silentLogger() {
    Logger silent = Logger.getAnonymousLogger();
    silent.setUseParentHandlers(false);
    return silent;
  }

  private final FuzzTarget target =
      new FuzzTarget(
          "azure-triggers",
          FuzzCase.seeds(TRIGGERS.toArray(String[]::new)),
          variants(),
          false,
          this::deliver);

  /** The seed's trigger, unwrapped payloads, or one trigger for every seed. */
  private static Map<String, Map<String, String>> variants() {
    Map<String, Map<String, String>> v = new LinkedHashMap<>();
    v.put("recorded", Map.of());
    v.put("unwrapped", Map.of(Configuration.PAYLOAD, "unwrapped"));
    TRIGGERS.forEach(t -> v.put(t, Map.of()));
    return v;
  }

  @Override
  protected FuzzTarget target() {
    return target;
  }

  @Override
  protected AzureEventHandler newEntryPoint(Configuration configuration, Application app) {
    return new AzureEventHandler(configuration, app);
  }

  private FuzzTarget.Answer deliver(FuzzCase c, FuzzApplication app) {
    AzureEventHandler handler = entryPoint(c, app);
    String trigger = TRIGGERS.contains(c.variant()) ? c.variant() : c.entryPoint();
    Bound b = Bound.of(c.event().body(), !c.entryPoint().equals("eventgrid"));
    switch (trigger) {
      case "eventgrid" -> handler.eventGrid(b.text(), CONTEXT);
      case "queue" ->
          handler.queue(
              b.text(), b.meta("Id"), b.number("DequeueCount"), b.meta("InsertionTime"), CONTEXT);
      case "servicebus" ->
          handler.serviceBus(
              b.text(),
              b.meta("MessageId"),
              b.number("DeliveryCount"),
              b.meta("EnqueuedTimeUtc"),
              CONTEXT);
      case "eventhubs" -> handler.eventHubs(b.texts(), b.systemProperties(), CONTEXT);
      case "blob" -> handler.blob(b.bytes(), b.meta("Name"), b.meta("Uri"), CONTEXT);
      case "timer" -> handler.timer(b.text(), CONTEXT);
      default -> handler.cosmosDb(b.text(), CONTEXT);
    }
    return null;
  }

  /** What the host binds, read leniently from a (mutated) case. */
  private record Bound(JsonElement input, byte[] raw, JsonObject metadata) {
    static Bound of(byte[] body, boolean wrapped) {
      JsonElement json;
      try {
        // the strict reader, bounded in depth and size: Gson's lenient parse of one mutated input
        // once ran for over 13 minutes (docs/fuzzing.md); text it refuses is bound as it is
        json = StrictJson.parse(body, JsonLimits.DEFAULT, "fuzz case");
      } catch (RuntimeException e) {
        json = null;
      }
      if (wrapped && json instanceof JsonObject o) {
        JsonElement in = o.has("inputBase64") ? o.get("inputBase64") : o.get("input");
        byte[] raw = null;
        if (o.has("inputBase64") && in.isJsonPrimitive()) {
          try {
            raw = Base64.getDecoder().decode(in.getAsString());
          } catch (IllegalArgumentException e) {
            raw = in.getAsString().getBytes(StandardCharsets.UTF_8);
          }
        }
        JsonObject meta = o.get("metadata") instanceof JsonObject m ? m : new JsonObject();
        return new Bound(in, raw, meta);
      }
      // an unwrapped body (an Event Grid case, or text that is no JSON object): bound as it is
      return new Bound(null, body, new JsonObject());
    }

    String text() {
      if (input == null) {
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
      }
      return input.isJsonPrimitive() ? input.getAsString() : input.toString();
    }

    byte[] bytes() {
      String t = text();
      return raw != null ? raw : t == null ? null : t.getBytes(StandardCharsets.UTF_8);
    }

    List<String> texts() {
      if (input instanceof JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.isJsonPrimitive() ? e.getAsString() : e.toString()));
        return out;
      }
      String t = text();
      return t == null ? null : List.of(t);
    }

    List<Map<String, Object>> systemProperties() {
      if (!(metadata.get("SystemPropertiesArray") instanceof JsonArray a)) {
        return null;
      }
      List<Map<String, Object>> out = new ArrayList<>();
      for (JsonElement e : a) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (e instanceof JsonObject o) {
          o.entrySet()
              .forEach(
                  f ->
                      p.put(
                          f.getKey(),
                          f.getValue().isJsonPrimitive()
                              ? f.getValue().getAsString()
                              : f.getValue().toString()));
        }
        out.add(p);
      }
      return out;
    }

    String meta(String name) {
      JsonElement e = metadata.get(name);
      return e == null || e.isJsonNull()
          ? null
          : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    long number(String name) {
      try {
        return Long.parseLong(String.valueOf(meta(name)).trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }
}
