package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.amazonaws.services.lambda.runtime.Context;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.cloudeventshandler.aws.internal.SnsTestPki;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.conformance.RecordingServlet;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.ClassifierRegistry;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.EventPipeline;
import io.github.cloudeventshandler.core.JsonLimits;
import io.github.cloudeventshandler.core.StrictJson;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fuzzes {@link LambdaHandler#handleRequest} with every invocation payload of the conformance
 * corpus (and the CloudEvents HTTP cases' bodies) as seeds, mutated by {@link
 * io.github.cloudeventshandler.conformance.FuzzMutations}, under five configurations (default,
 * unwrapped payloads, whole batches, request defaults with a path prefix, a fallback route for
 * unrecognised events). {@link #throughJetty} delivers into a {@link RecordingServlet} on the real
 * bridge; {@link #withoutJetty} checks the built requests against the bridge's rules only (the
 * classify-and-build layer, many times faster). The invariant is {@link
 * io.github.cloudeventshandler.conformance.FuzzInvariant}'s, plus the Lambda reply: no {@code
 * batchItemFailures}, no Firehose {@code ProcessingFailed}, no 5xx {@code statusCode}.
 *
 * <p>The handler is the one the zero-code path runs, with two test doubles where it would reach the
 * internet: the CloudFormation callback does nothing, and SNS certificates come from a loopback
 * server ({@link SnsTestPki}). Without {@code JAZZER_FUZZ} the {@code @FuzzTest} methods replay
 * their inputs under {@code LambdaHandlerFuzzTestInputs}; the two {@code @Test} methods replay
 * every seed and a few hundred mutations. Long runs: docs/fuzzing.md.
 */
class LambdaHandlerFuzzTest {
  @RegisterExtension static final SnsTestPki PKI = SnsTestPki.start();

  private static final Map<String, Map<String, String>> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("default", Map.of());
    VARIANTS.put("unwrapped", Map.of(Configuration.PAYLOAD, "unwrapped"));
    VARIANTS.put("whole", Map.of(Configuration.BATCH, "whole"));
    VARIANTS.put(
        "defaults",
        Map.of(
            Configuration.REQUEST_DEFAULTS,
            "{\"method\":\"PUT\",\"pathPrefix\":\"/events\",\"headers\":{\"X-Api-Key\":\"k\"}}"));
    VARIANTS.put("fallback", Map.of(Configuration.UNRECOGNIZED, "/unrecognized"));
  }

  static final FuzzTarget TARGET =
      new FuzzTarget(
          "lambda",
          FuzzCase.seeds("lambda", "cloudevents-http"),
          List.copyOf(VARIANTS.keySet()),
          false,
          LambdaHandlerFuzzTest::deliver);

  /** A Lambda context that keeps no record of its calls (a Mockito mock would, run after run). */
  private static final Context CONTEXT = mock(Context.class, withSettings().stubOnly());

  private static final Map<Object, LambdaHandler> HANDLERS = new HashMap<>();
  private static final FuzzApplication RULES = FuzzApplication.rules();
  private static ServletApplication bridge;
  private static FuzzApplication jetty;

  @BeforeAll
  static void start() {
    when(CONTEXT.getAwsRequestId()).thenReturn("fuzz-req");
    when(CONTEXT.getRemainingTimeInMillis()).thenReturn(60_000);
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

  private static FuzzTarget.Answer deliver(FuzzCase c, FuzzApplication app) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler(c, app).handleRequest(new ByteArrayInputStream(c.event().body()), out, CONTEXT);
    return answer(out.toByteArray());
  }

  /** The handler for the case's settings and variant, with {@code app} behind it; one of each. */
  private static LambdaHandler handler(FuzzCase c, FuzzApplication app) {
    Map<String, String> settings = new HashMap<>(c.settings());
    settings.putAll(VARIANTS.get(c.variant()));
    return HANDLERS.computeIfAbsent(
        List.of(settings, app),
        k -> {
          Configuration configuration = Configuration.from(settings, new Properties());
          EventPipeline pipeline =
              EventPipeline.create(
                  configuration, ClassifierRegistry.load(LambdaHandler.class.getClassLoader()));
          return new LambdaHandler(
              configuration,
              app,
              (url, body, timeout) -> {},
              new SnsHttpEndpoint(SnsTestPki.flow(pipeline, PKI.trust())));
        });
  }

  /**
   * The reply as an HTTP answer for proxied HTTP events ({@code statusCode}); for the others, a
   * check that no record is reported as failed (the application accepted every request).
   */
  private static FuzzTarget.Answer answer(byte[] reply) {
    JsonElement json;
    try {
      json = StrictJson.parse(reply, JsonLimits.DEFAULT, "reply");
    } catch (BadEventException e) {
      throw new AssertionError("the Lambda reply is not JSON: " + e.getMessage(), e);
    }
    if (!(json instanceof JsonObject o)) {
      return null;
    }
    if (o.get("batchItemFailures") instanceof JsonArray failures && !failures.isEmpty()) {
      throw new AssertionError("batchItemFailures although the application accepted all: " + o);
    }
    if (o.get("records") instanceof JsonArray records
        && records.toString().contains("\"ProcessingFailed\"")) {
      throw new AssertionError("Firehose ProcessingFailed although the application accepted all");
    }
    if (o.get("statusCode") instanceof JsonPrimitive p && p.isNumber()) {
      String body = o.get("body") instanceof JsonPrimitive b ? b.getAsString() : "";
      return new FuzzTarget.Answer(p.getAsInt(), body.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }
}
