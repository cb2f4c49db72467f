package io.github.cloudeventshandler.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.azure.functions.ExecutionContext;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Azure trigger recordings: what the Functions host binds for one invocation, in the corpus shape
 * {@code {"functionName","invocationId","input" | "inputBase64","metadata":{…}}} (optionally with
 * {@code "trigger"}), handed to the matching {@link AzureEventHandler} method with the bound
 * values.
 */
final class AzureTriggers {
  /** The Azure Functions log of the contexts the runner makes, through slf4j. */
  static final Logger LOG = new Slf4jLogger("azure");

  private AzureTriggers() {}

  /**
   * The trigger of a recording: its {@code trigger} member, else told by the binding metadata
   * ({@code DequeueCount} → queue, {@code DeliveryCount} → Service Bus, {@code
   * SystemPropertiesArray} → Event Hubs, {@code inputBase64} → blob), else by the input (a timer's
   * {@code ScheduleStatus}, a JSON array of documents → Cosmos DB).
   */
  static EntryPoint triggerOf(JsonObject o, String label) {
    if (o.has("trigger")) {
      String t = o.get("trigger").getAsString();
      return EntryPoint.of("azure", t)
          .filter(e -> e != EntryPoint.AZURE_HTTP && e != EntryPoint.CLOUDEVENTS_HTTP)
          .orElseThrow(
              () ->
                  new UnrecognizedEventException(
                      label
                          + ": unknown Azure trigger '"
                          + t
                          + "' (eventgrid, queue, servicebus, eventhubs, blob, timer, cosmosdb)"));
    }
    JsonObject m = o.has("metadata") ? o.getAsJsonObject("metadata") : new JsonObject();
    if (m.has("SystemPropertiesArray")) {
      return EntryPoint.AZURE_EVENTHUBS;
    }
    if (m.has("DequeueCount") || m.has("InsertionTime")) {
      return EntryPoint.AZURE_QUEUE;
    }
    if (m.has("DeliveryCount") || m.has("MessageId") || m.has("EnqueuedTimeUtc")) {
      return EntryPoint.AZURE_SERVICEBUS;
    }
    if (o.has("inputBase64")) {
      return EntryPoint.AZURE_BLOB;
    }
    JsonElement input = o.get("input");
    if (input != null && input.isJsonPrimitive()) {
      String text = input.getAsString().strip();
      if (text.startsWith("[")) {
        return EntryPoint.AZURE_COSMOSDB;
      }
      if (text.contains("\"ScheduleStatus\"") || text.contains("\"IsPastDue\"")) {
        return EntryPoint.AZURE_TIMER;
      }
    }
    throw new UnrecognizedEventException(
        label
            + ": an Azure trigger recording whose trigger cannot be told from its metadata "
            + m.keySet()
            + "; add \"trigger\": \"queue\" (or servicebus, eventhubs, blob, timer, cosmosdb)");
  }

  /**
   * The Azure Functions {@link ExecutionContext} the runner hands to {@code AzureEventHandler}: the
   * function name from the recorded trigger input (else {@code ceh-runner}), a fresh invocation id
   * unless the recording has one, and {@link #LOG}.
   */
  static ExecutionContext context(String functionName, String invocationId) {
    return LocalAzureContext.create(
            functionName == null ? "ceh-runner" : functionName,
            invocationId == null ? UUID.randomUUID().toString() : invocationId)
        .withLogger(LOG);
  }

  /** Whether the bytes are a trigger recording ({@code functionName} + an input). */
  static boolean isRecording(byte[] body) {
    try {
      JsonObject o = StrictJson.parseObject(body, JsonLimits.DEFAULT, "recording");
      return o.has("functionName") && (o.has("input") || o.has("inputBase64"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Calls the handler's method for the trigger with the recording's bound values. */
  static void invoke(
      AzureEventHandler handler, EntryPoint trigger, byte[] recording, String label) {
    JsonObject in = StrictJson.parseObject(recording, JsonLimits.DEFAULT, label);
    ExecutionContext ctx = context(text(in, "functionName"), text(in, "invocationId"));
    JsonObject m = in.has("metadata") ? in.getAsJsonObject("metadata") : new JsonObject();
    switch (trigger) {
      case AZURE_QUEUE ->
          handler.queue(
              input(in, label),
              text(m, "Id"),
              m.has("DequeueCount") ? m.get("DequeueCount").getAsLong() : 1,
              text(m, "InsertionTime"),
              ctx);
      case AZURE_SERVICEBUS ->
          handler.serviceBus(
              input(in, label),
              text(m, "MessageId"),
              m.has("DeliveryCount") ? m.get("DeliveryCount").getAsLong() : 1,
              text(m, "EnqueuedTimeUtc"),
              ctx);
      case AZURE_EVENTHUBS -> {
        List<String> events = new ArrayList<>();
        JsonElement input = in.get("input");
        if (input == null || !input.isJsonArray()) {
          throw new BadEventException(
              Problem.INVALID_FIELD, label + ": an Event Hubs recording's input is an array");
        }
        input.getAsJsonArray().forEach(e -> events.add(e.getAsString()));
        List<Map<String, Object>> props = new ArrayList<>();
        JsonArray sp =
            m.has("SystemPropertiesArray") ? m.getAsJsonArray("SystemPropertiesArray") : null;
        if (sp != null) {
          for (JsonElement e : sp) {
            Map<String, Object> p = new LinkedHashMap<>();
            e.getAsJsonObject()
                .entrySet()
                .forEach(f -> p.put(f.getKey(), f.getValue().getAsString()));
            props.add(p);
          }
        }
        handler.eventHubs(events, sp == null ? null : props, ctx);
      }
      case AZURE_BLOB -> {
        byte[] content;
        try {
          content =
              in.has("inputBase64")
                  ? Base64.getDecoder().decode(text(in, "inputBase64"))
                  : input(in, label).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new BadEventException(
              Problem.INVALID_FIELD, label + ": inputBase64 is not base64", e);
        }
        handler.blob(content, text(m, "Name"), text(m, "Uri"), ctx);
      }
      case AZURE_TIMER -> handler.timer(input(in, label), ctx);
      case AZURE_COSMOSDB -> handler.cosmosDb(input(in, label), ctx);
      case AZURE_EVENTGRID -> handler.eventGrid(input(in, label), ctx);
      default -> throw new IllegalArgumentException("not an Azure trigger: " + trigger);
    }
  }

  private static String input(JsonObject in, String label) {
    JsonElement e = in.get("input");
    if (e == null || e.isJsonNull()) {
      throw new BadEventException(Problem.MISSING_FIELD, label + ": the recording has no input");
    }
    return e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }

  private static String text(JsonObject o, String name) {
    return o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsString() : null;
  }
}
