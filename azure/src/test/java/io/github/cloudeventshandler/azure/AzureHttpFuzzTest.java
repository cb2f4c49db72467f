package io.github.cloudeventshandler.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import io.github.cloudeventshandler.azure.internal.WebPubSubSignature;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzEvent;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.conformance.RecordingServlet;
import io.github.cloudeventshandler.core.Configuration;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link AzureEventHandler#httpBytes} — Event Grid webhooks and their validation handshake,
 * the CloudEvents abuse-protection preflight, Web PubSub upstream, CloudEvents over HTTP, plain
 * HTTP — with the corpus's Azure HTTP cases and every CloudEvents HTTP case as seeds; body, headers
 * and request line are mutated. Variants: the seed's settings; {@code signed} (Web PubSub keys
 * configured and {@code ce-signature} computed for whatever {@code ce-connectionId} the request
 * holds, so mutated upstream calls get past the signature); {@code CEH_HTTP_EVENTS_TRUSTED=true};
 * unwrapped payloads. A request the Functions host could not have received (no HTTP method it
 * knows, a URI it cannot parse, a header value with a line feed) is skipped; repeated header names
 * reach the function as the host passes them, one value per exact name, joined by {@code ", "}. See
 * {@code LambdaHandlerFuzzTest} in the aws module for the modes.
 */
class AzureHttpFuzzTest {
  private static final String KEYS = "azure-key-one,azure-key-two";
  private static final Map<String, Map<String, String>> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("default", Map.of());
    VARIANTS.put("signed", Map.of("CEH_WEBPUBSUB_KEYS", KEYS));
    VARIANTS.put("trusted", Map.of(Configuration.HTTP_EVENTS_TRUSTED, "true"));
    VARIANTS.put("unwrapped", Map.of(Configuration.PAYLOAD, "unwrapped"));
  }

  static final FuzzTarget TARGET =
      new FuzzTarget(
          "azure-http",
          FuzzCase.seeds("http", "cloudevents-http"),
          List.copyOf(VARIANTS.keySet()),
          true,
          AzureHttpFuzzTest::deliver);

  /** An execution context that keeps no record of its calls, with a silent logger. */
  private static final ExecutionContext CONTEXT =
      mock(ExecutionContext.class, withSettings().stubOnly());

  private static final Map<Object, AzureEventHandler> HANDLERS = new HashMap<>();
  private static final FuzzApplication RULES = FuzzApplication.rules();
  private static io.github.cloudeventshandler.servlet.ServletApplication bridge;
  private static FuzzApplication jetty;

  @BeforeAll
  static void start() {
    Logger silent = Logger.getAnonymousLogger();
    silent.setUseParentHandlers(false);
    when(CONTEXT.getLogger()).thenReturn(silent);
    when(CONTEXT.getFunctionName()).thenReturn("http");
    when(CONTEXT.getInvocationId()).thenReturn("inv-http");
    bridge =
        io.github.cloudeventshandler.servlet.ServletApplication.start(
            RecordingServlet.class, Configuration.builder().build());
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
    FuzzEvent e = c.event();
    if (!e.isHttpDeliverable()) {
      throw new FuzzTarget.Undeliverable("no HTTP server receives this request");
    }
    TestHttpRequest.Builder request;
    try {
      if (HttpMethod.value(e.method()) == null) {
        throw new IllegalArgumentException("no HTTP method the Functions host knows");
      }
      request =
          TestHttpRequest.builder(
              e.method(), e.path() + (e.query() == null ? "" : "?" + e.query()));
    } catch (IllegalArgumentException refused) {
      throw new FuzzTarget.Undeliverable("the Functions host refuses it: " + refused);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    e.headers()
        .fields()
        .forEach(f -> headers.merge(f.getKey(), f.getValue(), (a, b) -> a + ", " + b));
    if (c.variant().equals("signed")) {
      String connection = e.headers().first("ce-connectionId").orElse("");
      headers.keySet().removeIf(k -> k.equalsIgnoreCase("ce-signature"));
      headers.put("ce-signature", WebPubSubSignature.sign("azure-key-two", connection));
    }
    Map<String, String> settings = new HashMap<>(c.settings());
    settings.putAll(VARIANTS.get(c.variant()));
    AzureEventHandler handler =
        HANDLERS.computeIfAbsent(
            List.of(settings, app),
            k -> new AzureEventHandler(Configuration.from(settings, new Properties()), app));
    var response =
        (TestHttpRequest.Response)
            handler.httpBytes(request.headers(headers).bytes(e.body()), CONTEXT);
    return new FuzzTarget.Answer(
        response.getStatusCode(), response.bodyText().getBytes(StandardCharsets.UTF_8));
  }
}
