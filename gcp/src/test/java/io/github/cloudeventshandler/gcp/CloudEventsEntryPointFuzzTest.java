package io.github.cloudeventshandler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzEvent;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.conformance.RecordingServlet;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link CloudEventsEntryPoint#accept} with the CloudEvents the Functions Framework would
 * hand it: the corpus's {@code cloudevents} cases (structured JSON) and every CloudEvents HTTP
 * case, mutated as HTTP messages (body, {@code ce-*} and other headers) and then read as the
 * invoker reads them — binary mode with the CloudEvents SDK's HTTP reader (which takes any header
 * text as an attribute value), structured mode as {@link GcpConformanceTest#structured} does. A
 * message the reader refuses never reaches the entry point and is skipped. Variants: default,
 * unwrapped payloads, request defaults with a path prefix. See {@code LambdaHandlerFuzzTest} in the
 * aws module for the modes.
 */
class CloudEventsEntryPointFuzzTest {
  private static final Map<String, Map<String, String>> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("default", Map.of());
    VARIANTS.put("unwrapped", Map.of(Configuration.PAYLOAD, "unwrapped"));
    VARIANTS.put(
        "defaults",
        Map.of(Configuration.REQUEST_DEFAULTS, "{\"method\":\"PUT\",\"pathPrefix\":\"/events\"}"));
  }

  static final FuzzTarget TARGET =
      new FuzzTarget(
          "gcp-cloudevents",
          FuzzCase.seeds("cloudevents", "cloudevents-http"),
          List.copyOf(VARIANTS.keySet()),
          true,
          CloudEventsEntryPointFuzzTest::deliver);

  private static final Map<Object, CloudEventsEntryPoint> ENTRY_POINTS = new HashMap<>();
  private static final FuzzApplication RULES = FuzzApplication.rules();
  private static ServletApplication bridge;
  private static FuzzApplication jetty;

  @BeforeAll
  static void start() {
    bridge = ServletApplication.start(RecordingServlet.class, Configuration.builder().build());
    jetty = FuzzApplication.throughBridge(bridge);
  }

  @AfterAll
  static void stop() {
    bridge.close();
  }

  @FuzzTest(maxDuration = "10m")
  void throughJetty(byte[] input) {
    TARGET.run(input, jetty);
  }

  @FuzzTest(maxDuration = "10m")
  void withoutJetty(byte[] input) {
    TARGET.run(input, RULES);
  }

  @Test
  void seedsAndMutationsThroughJetty() {
    assertThat(TARGET.shortRun(jetty, 150)).isGreaterThan(150);
  }

  @Test
  void seedsAndMutationsWithoutJetty() {
    assertThat(TARGET.shortRun(RULES, 1000)).isGreaterThan(1000);
  }

  private static FuzzTarget.Answer deliver(FuzzCase c, FuzzApplication app) {
    CloudEvent event = cloudEvent(c.event());
    Map<String, String> settings = new HashMap<>(c.settings());
    settings.putAll(VARIANTS.get(c.variant()));
    ENTRY_POINTS
        .computeIfAbsent(
            List.of(settings, app),
            k -> new CloudEventsEntryPoint(Configuration.from(settings, new Properties()), app))
        .accept(event);
    return null;
  }

  /** The CloudEvent the invoker would make of the message, or {@link FuzzTarget.Undeliverable}. */
  private static CloudEvent cloudEvent(FuzzEvent e) {
    if (!e.isHttpDeliverable()) {
      throw new FuzzTarget.Undeliverable("no HTTP server receives this request");
    }
    Headers headers = e.headers();
    boolean binary = headers.contains("ce-specversion");
    if (!binary && !headers.contains("Content-Type")) {
      headers = headers.toBuilder().add("Content-Type", "application/cloudevents+json").build();
    }
    try {
      if (!binary
          && headers
              .first("Content-Type")
              .orElse("")
              .toLowerCase(Locale.ROOT)
              .contains("application/cloudevents+json")) {
        return GcpConformanceTest.structured(e.body());
      }
      Headers h = headers;
      return HttpMessageFactory.createReader(
              put -> h.fields().forEach(f -> put.accept(f.getKey(), f.getValue())), e.body())
          .toEvent();
    } catch (RuntimeException refused) {
      throw new FuzzTarget.Undeliverable("the invoker refuses it: " + refused);
    }
  }
}
