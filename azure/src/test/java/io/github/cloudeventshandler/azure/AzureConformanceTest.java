package io.github.cloudeventshandler.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.azure.functions.ExecutionContext;
import io.github.cloudeventshandler.azure.internal.AzureTrigger;
import io.github.cloudeventshandler.azure.internal.TriggerInput;
import io.github.cloudeventshandler.conformance.ConformanceAssertions;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCases;
import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every Azure case of the conformance corpus through {@link AzureEventHandler}, with the entry
 * point its sidecar names: {@code http} through {@link AzureEventHandler#httpBytes}, {@code
 * eventgrid} through {@link AzureEventHandler#eventGrid}, the other triggers through their methods
 * with the bound values the case file holds (shape in the corpus README).
 */
class AzureConformanceTest {

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "azure")
  void azure(ConformanceCase c) {
    // the argument source already expands scenarios: one run per scenario
    RecordingApplication app = RecordingApplication.forCase(c);
    AzureEventHandler handler = new AzureEventHandler(c.configuration(), app);
    if (c.entryPoint().equals("http")) {
      http(c, handler);
      ConformanceAssertions.assertRequests(c, app.requests());
      return;
    }
    checkClassification(c);
    try {
      trigger(c, handler);
    } catch (RuntimeException e) {
      ConformanceAssertions.assertRequests(c, app.requests());
      ConformanceAssertions.assertError(c, e);
      return;
    }
    ConformanceAssertions.assertNoErrorExpected(c);
    ConformanceAssertions.assertRequests(c, app.requests());
  }

  private static void http(ConformanceCase c, AzureEventHandler handler) {
    ConformanceCase.Transport t = c.transport().orElseThrow();
    LocalAzureHttpRequest.Builder b =
        LocalAzureHttpRequest.builder(t.method(), t.path() + t.query().map(q -> "?" + q).orElse(""))
            .headers(t.headers());
    if (c.expected().has("classification")) {
      ConformanceAssertions.assertClassification(
          c, pipeline(c).classify(c.rawEvent(RawEvent.AZURE)));
    }
    LocalAzureHttpResponse r =
        LocalAzureHttpResponse.of(
            handler.httpBytes(b.bytes(c.input()), LocalAzureContext.create("http", "inv-http")));
    ConformanceAssertions.assertHttpReply(c, r.toAppResponse());
  }

  private static void checkClassification(ConformanceCase c) {
    if (!c.expected().has("classification") || !c.entryPoint().equals("eventgrid")) {
      return;
    }
    RawEvent raw =
        RawEvent.builder(RawEvent.AZURE, c.input())
            .platformContext(
                new TriggerInput(
                    AzureTrigger.EVENT_GRID,
                    "eventgrid",
                    List.of(new TriggerInput.Item(c.input(), Map.of())),
                    null))
            .build();
    ConformanceAssertions.assertClassification(c, pipeline(c).classify(raw));
  }

  private static EventPipeline pipeline(ConformanceCase c) {
    return EventPipeline.create(
        c.configuration(), ClassifierRegistry.load(AzureConformanceTest.class.getClassLoader()));
  }

  private static void trigger(ConformanceCase c, AzureEventHandler handler) {
    if (c.entryPoint().equals("eventgrid")) {
      handler.eventGrid(c.inputText(), LocalAzureContext.create("eventgrid", "inv-eventgrid"));
      return;
    }
    JsonObject in = StrictJson.parseObject(c.input(), JsonLimits.DEFAULT, c.id()).getAsJsonObject();
    ExecutionContext ctx =
        LocalAzureContext.create(
            in.get("functionName").getAsString(), in.get("invocationId").getAsString());
    JsonObject m = in.has("metadata") ? in.getAsJsonObject("metadata") : new JsonObject();
    switch (c.entryPoint()) {
      case "queue" ->
          handler.queue(
              in.get("input").getAsString(),
              text(m, "Id"),
              m.has("DequeueCount") ? m.get("DequeueCount").getAsLong() : 0,
              text(m, "InsertionTime"),
              ctx);
      case "servicebus" ->
          handler.serviceBus(
              in.get("input").getAsString(),
              text(m, "MessageId"),
              m.has("DeliveryCount") ? m.get("DeliveryCount").getAsLong() : 0,
              text(m, "EnqueuedTimeUtc"),
              ctx);
      case "eventhubs" -> {
        List<String> events = new ArrayList<>();
        in.getAsJsonArray("input").forEach(e -> events.add(e.getAsString()));
        List<Map<String, Object>> props = new ArrayList<>();
        JsonArray sp = m.getAsJsonArray("SystemPropertiesArray");
        for (JsonElement e : sp) {
          Map<String, Object> p = new LinkedHashMap<>();
          e.getAsJsonObject()
              .entrySet()
              .forEach(f -> p.put(f.getKey(), f.getValue().getAsString()));
          props.add(p);
        }
        handler.eventHubs(events, props, ctx);
      }
      case "blob" ->
          handler.blob(
              Base64.getDecoder().decode(in.get("inputBase64").getAsString()),
              text(m, "Name"),
              text(m, "Uri"),
              ctx);
      case "timer" -> handler.timer(in.get("input").getAsString(), ctx);
      case "cosmosdb" -> handler.cosmosDb(in.get("input").getAsString(), ctx);
      default ->
          throw new IllegalStateException(c.id() + ": unknown entry point " + c.entryPoint());
    }
  }

  private static String text(JsonObject m, String name) {
    return m.has(name) ? m.get(name).getAsString() : null;
  }
}
