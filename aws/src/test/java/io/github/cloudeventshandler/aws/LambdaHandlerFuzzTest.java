package io.github.cloudeventshandler.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.cloudeventshandler.aws.internal.SnsTestPki;
import io.github.cloudeventshandler.conformance.EntryPointFuzzTests;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.testing.platform.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fuzzes {@link LambdaHandler#handleRequest} with every invocation payload of the conformance
 * corpus (and the CloudEvents HTTP cases' bodies) as seeds, under five configurations: default,
 * unwrapped payloads, whole batches, request defaults with a path prefix, a fallback route for
 * unrecognised events. Besides the invariant of {@link
 * io.github.cloudeventshandler.conformance.FuzzInvariant}, the Lambda reply must say the event was
 * handled: no {@code batchItemFailures}, no Firehose {@code ProcessingFailed}, no {@code
 * statusCode} of 400 or more once the application answered.
 *
 * <p>The handler is the one the zero-code path runs, with two test doubles where it would reach the
 * internet: the CloudFormation callback does nothing, and SNS certificates come from a loopback
 * server ({@link SnsTestPki}). The modes and the kept inputs: {@link EntryPointFuzzTests},
 * docs/fuzzing.md.
 */
class LambdaHandlerFuzzTest extends EntryPointFuzzTests<LambdaHandler> {
  @RegisterExtension static final SnsTestPki PKI = SnsTestPki.start();

  /**
   * One Lambda context for every run: its remaining time does not count down (a long run outlasts
   * any timeout), and it keeps nothing per call (its logger keeps lines, but the handler does not
   * log to it).
   */
  private static final Context CONTEXT =
      LocalLambdaContext.builder()
          .requestId("fuzz-req")
          .frozenRemainingTime(Duration.ofSeconds(60))
          .build();

  private final FuzzTarget target =
      new FuzzTarget(
          "lambda", FuzzCase.seeds("lambda", "cloudevents-http"), variants(), false, this::deliver);

  private static Map<String, Map<String, String>> variants() {
    Map<String, Map<String, String>> v = new LinkedHashMap<>();
    v.put("default", Map.of());
    v.put("unwrapped", Map.of(Configuration.PAYLOAD, "unwrapped"));
    v.put("whole", Map.of(Configuration.BATCH, "whole"));
    v.put(
        "defaults",
        Map.of(
            Configuration.REQUEST_DEFAULTS,
            "{\"method\":\"PUT\",\"pathPrefix\":\"/events\",\"headers\":{\"X-Api-Key\":\"k\"}}"));
    v.put("fallback", Map.of(Configuration.UNRECOGNIZED, "/unrecognized"));
    return v;
  }

  @Override
  protected FuzzTarget target() {
    return target;
  }

  @Override
  protected LambdaHandler newEntryPoint(Configuration configuration, Application app) {
    EventPipeline pipeline =
        EventPipeline.create(
            configuration, ClassifierRegistry.load(LambdaHandler.class.getClassLoader()));
    return new LambdaHandler(
        configuration,
        app,
        (url, body, timeout) -> {},
        new SnsHttpEndpoint(SnsTestPki.flow(pipeline, PKI.trust())));
  }

  private FuzzTarget.Answer deliver(FuzzCase c, FuzzApplication app) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entryPoint(c, app).handleRequest(new ByteArrayInputStream(c.event().body()), out, CONTEXT);
    return answer(out.toByteArray());
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
