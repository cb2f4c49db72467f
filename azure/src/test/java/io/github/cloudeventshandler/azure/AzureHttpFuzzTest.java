package io.github.cloudeventshandler.azure;

import com.microsoft.azure.functions.HttpRequestMessage;
import io.github.cloudeventshandler.azure.internal.WebPubSubSignature;
import io.github.cloudeventshandler.conformance.EntryPointFuzzTests;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzEvent;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzzes {@link AzureEventHandler#httpBytes} — Event Grid webhooks and their validation handshake,
 * the CloudEvents abuse-protection preflight, Web PubSub upstream, CloudEvents over HTTP, plain
 * HTTP — with the corpus's Azure HTTP cases and every CloudEvents HTTP case as seeds; body, headers
 * and request line are mutated. Variants: the seed's settings; {@code signed} (Web PubSub keys
 * configured and {@code ce-signature} computed for whatever {@code ce-connectionId} the request
 * holds, so mutated upstream calls get past the signature); {@code CEH_HTTP_EVENTS_TRUSTED=true};
 * unwrapped payloads. A request the Functions host could not have received (no HTTP method it
 * knows, a URI it cannot parse, a header value with a line feed) is skipped; repeated header names
 * reach the function as the host passes them, one value per name, joined by {@code ", "}. The modes
 * and the kept inputs: {@link EntryPointFuzzTests}, docs/fuzzing.md.
 */
class AzureHttpFuzzTest extends EntryPointFuzzTests<AzureEventHandler> {
  private static final String KEYS = "azure-key-one,azure-key-two";

  private final FuzzTarget target =
      new FuzzTarget(
          "azure-http",
          FuzzCase.seeds("http", "cloudevents-http"),
          variants(),
          true,
          this::deliver);

  private static Map<String, Map<String, String>> variants() {
    Map<String, Map<String, String>> v = new LinkedHashMap<>();
    v.put("default", Map.of());
    v.put("signed", Map.of("CEH_WEBPUBSUB_KEYS", KEYS));
    v.put("trusted", Map.of(Configuration.HTTP_EVENTS_TRUSTED, "true"));
    v.put("unwrapped", Map.of(Configuration.PAYLOAD, "unwrapped"));
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
    FuzzEvent e = c.event();
    if (!e.isHttpDeliverable()) {
      throw new FuzzTarget.Undeliverable("no HTTP server receives this request");
    }
    Headers headers = e.headers();
    if (c.variant().equals("signed")) {
      String connection = headers.first("ce-connectionId").orElse("");
      headers =
          headers.toBuilder()
              .set("ce-signature", WebPubSubSignature.sign("azure-key-two", connection))
              .build();
    }
    HttpRequestMessage<Optional<byte[]>> request;
    try {
      request =
          LocalAzureHttpRequest.builder(
                  e.method(), e.path() + (e.query() == null ? "" : "?" + e.query()))
              .headers(headers)
              .bytes(e.body());
    } catch (IllegalArgumentException refused) {
      throw new FuzzTarget.Undeliverable("the Functions host refuses it: " + refused);
    }
    LocalAzureHttpResponse response =
        LocalAzureHttpResponse.of(
            entryPoint(c, app).httpBytes(request, AzureTriggersFuzzTest.CONTEXT));
    return new FuzzTarget.Answer(
        response.getStatusCode(), response.bodyText().getBytes(StandardCharsets.UTF_8));
  }
}
