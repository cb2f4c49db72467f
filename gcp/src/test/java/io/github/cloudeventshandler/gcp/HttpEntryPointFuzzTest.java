package io.github.cloudeventshandler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzEvent;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.conformance.RecordingServlet;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link HttpEntryPoint#service} with the corpus's GCP HTTP cases (Pub/Sub push, CloudEvents
 * over HTTP, plain HTTP) and every CloudEvents HTTP case as seeds; body, headers and request line
 * are mutated. Variants: the seed's own settings (push refused unless the seed turns push
 * authentication off), push authentication off, push authentication configured with a genuine token
 * on every request (so that mutated bodies get past the token check), {@code
 * CEH_HTTP_EVENTS_TRUSTED=true}, and unwrapped payloads. A request no HTTP server could receive (a
 * header value with a line feed, a path with a space) is skipped: the invoker never passes one on.
 * The answer must be a success after delivery or a 4xx with a message before it, never 5xx. See
 * {@code LambdaHandlerFuzzTest} in the aws module for the modes.
 */
class HttpEntryPointFuzzTest {
  private static final Map<String, Map<String, String>> VARIANTS = new LinkedHashMap<>();
  private static final String VERIFIED = "push-verified";

  @TempDir static Path keys;

  static final FuzzTarget TARGET =
      new FuzzTarget(
          "gcp-http",
          FuzzCase.seeds("http", "cloudevents-http"),
          List.of("default", "push-off", VERIFIED, "trusted", "unwrapped"),
          true,
          HttpEntryPointFuzzTest::deliver);

  private static final Map<Object, HttpEntryPoint> ENTRY_POINTS = new HashMap<>();
  private static final FuzzApplication RULES = FuzzApplication.rules();
  private static ServletApplication bridge;
  private static FuzzApplication jetty;
  private static String token;
  private static Instant tokenIssued = Instant.EPOCH;

  @BeforeAll
  static void start() throws IOException {
    Path jwks = keys.resolve("jwks.json");
    Files.writeString(jwks, TestTokens.PUBLISHED.toString());
    VARIANTS.put("default", Map.of());
    VARIANTS.put("push-off", Map.of(PushAuthenticator.AUTH, "off"));
    VARIANTS.put(
        VERIFIED,
        Map.of(
            PushAuthenticator.AUTH,
            "required",
            PushAuthenticator.AUDIENCE,
            TestTokens.AUDIENCE,
            PushAuthenticator.SERVICE_ACCOUNT,
            TestTokens.ACCOUNT,
            PushAuthenticator.JWKS_URL,
            jwks.toUri().toString()));
    VARIANTS.put("trusted", Map.of(Configuration.HTTP_EVENTS_TRUSTED, "true"));
    VARIANTS.put(
        "unwrapped", Map.of(Configuration.PAYLOAD, "unwrapped", PushAuthenticator.AUTH, "off"));
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
    FuzzEvent e = c.event();
    if (!e.isHttpDeliverable()) {
      throw new FuzzTarget.Undeliverable("no HTTP server receives this request");
    }
    Headers headers = e.headers();
    if (c.variant().equals(VERIFIED)) {
      headers = headers.toBuilder().set("Authorization", "Bearer " + token()).build();
    }
    TestHttpRequest request = new TestHttpRequest(e.method(), e.path(), e.query(), e.body());
    headers.fields().forEach(f -> request.header(f.getKey(), f.getValue()));
    TestHttpResponse response = new TestHttpResponse();
    entryPoint(c, app).service(request, response);
    AppResponse answer = response.toAppResponse();
    return new FuzzTarget.Answer(answer.status(), answer.body());
  }

  /** A genuine push token, signed again every ten minutes (signing takes a millisecond). */
  private static String token() {
    if (tokenIssued.isBefore(Instant.now().minusSeconds(600))) {
      token = TestTokens.tokenValidNow();
      tokenIssued = Instant.now();
    }
    return token;
  }

  private static HttpEntryPoint entryPoint(FuzzCase c, FuzzApplication app) {
    Map<String, String> settings = new HashMap<>(c.settings());
    settings.putAll(VARIANTS.get(c.variant()));
    return ENTRY_POINTS.computeIfAbsent(
        List.of(settings, app),
        k -> new HttpEntryPoint(Configuration.from(settings, new Properties()), app));
  }
}
