package io.github.cloudeventshandler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.conformance.RecordingServlet;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link BackgroundEntryPoint#accept} with the corpus's legacy (gen1) events as seeds: the
 * mutated legacy body is split into the data JSON and the context ({@code eventId}, {@code
 * timestamp}, {@code eventType}, {@code resource}, {@code domain}) as the invoker splits it ({@link
 * TestContext#deliver}); a body the invoker could not split is skipped. Variants: default,
 * unwrapped payloads, request defaults with a path prefix. See {@code LambdaHandlerFuzzTest} in the
 * aws module for the modes.
 */
class BackgroundEntryPointFuzzTest {
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
          "gcp-background",
          FuzzCase.seeds("background"),
          List.copyOf(VARIANTS.keySet()),
          false,
          BackgroundEntryPointFuzzTest::deliver);

  private static final Map<Object, BackgroundEntryPoint> ENTRY_POINTS = new HashMap<>();
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
    TestContext.Delivery d;
    try {
      d = TestContext.deliver(c.event().body());
    } catch (RuntimeException e) {
      throw new FuzzTarget.Undeliverable("the invoker cannot split it: " + e);
    }
    Map<String, String> settings = new HashMap<>(c.settings());
    settings.putAll(VARIANTS.get(c.variant()));
    ENTRY_POINTS
        .computeIfAbsent(
            List.of(settings, app),
            k -> new BackgroundEntryPoint(Configuration.from(settings, new Properties()), app))
        .accept(d.data(), d.context());
    return null;
  }
}
