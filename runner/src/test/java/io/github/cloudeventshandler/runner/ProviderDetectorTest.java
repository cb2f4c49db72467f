package io.github.cloudeventshandler.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Detection against the corpus: with the sidecar's entry point hidden, the detector must find the
 * entry point the sidecar names from the bytes (and, for HTTP cases, the transport) alone.
 */
class ProviderDetectorTest {
  /** Cases detection cannot tell by design (README: "what detection cannot tell"). */
  private static final Set<String> UNDETECTABLE =
      Set.of(
          // a plain HTTP request: nothing says it is Azure's
          "azure/http/plain-request",
          // an OPTIONS without WebHook-Request-Origin: nothing says it is a webhook preflight
          "azure/webhook/preflight-missing-origin",
          // Event Grid data without its envelope (the case expects an error)
          "azure/eventgrid/storage-blob-created-data-only");

  private final ProviderDetector detector =
      Session.detector(Options.parse(new String[] {"replay", "x"}));

  @Test
  void everyCorpusCaseIsDetectedAsItsSidecarSays() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (ConformanceCase c : ConformanceCorpus.all()) {
      if (UNDETECTABLE.contains(c.id())
          || c.id().startsWith("aws/unsupported/")
          || c.id().endsWith("-unsupported")) {
        continue;
      }
      EntryPoint expected = EntryPoint.of(c.provider(), c.entryPoint()).orElseThrow();
      Incoming in =
          c.transport()
              .map(
                  t ->
                      new Incoming(
                          c.id(),
                          t.method(),
                          t.path(),
                          t.query().orElse(null),
                          t.headers(),
                          c.input(),
                          Map.of(),
                          null))
              .orElseGet(() -> Incoming.bytes(c.id(), c.input()));
      EntryPoint found;
      try {
        found = detector.detect(in);
      } catch (RuntimeException e) {
        wrong.add(c.id() + ": " + e.getMessage());
        continue;
      }
      checked++;
      if (found != expected) {
        wrong.add(c.id() + ": detected " + found.label() + ", sidecar says " + expected.label());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(checked).isGreaterThan(200);
  }

  @Test
  void unknownJsonNamesWhatWasLookedAtAndTheOption() {
    Incoming in = Incoming.bytes("odd.json", "{\"hello\":1}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> detector.detect(in))
        .isInstanceOf(UnrecognizedEventException.class)
        .hasMessageContaining("odd.json")
        .hasMessageContaining("[hello]")
        .hasMessageContaining("--provider");
  }

  @Test
  void notJsonIsUnknownUnlessAProviderIsForced() {
    Incoming in = Incoming.bytes("a.txt", "plain".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> detector.detect(in)).hasMessageContaining("not JSON");
    ProviderDetector forced =
        Session.detector(Options.parse(new String[] {"replay", "--provider", "aws", "x"}));
    assertThat(forced.detect(in)).isEqualTo(EntryPoint.LAMBDA);
  }

  @Test
  void plainCloudEventsGoToTheDefaultProvider() {
    byte[] ce =
        "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(detector.detect(Incoming.bytes("ce", ce))).isEqualTo(EntryPoint.CLOUDEVENTS_HTTP);
    ProviderDetector gcp =
        Session.detector(Options.parse(new String[] {"replay", "--provider", "gcp", "x"}));
    assertThat(gcp.detect(Incoming.bytes("ce", ce))).isEqualTo(EntryPoint.GCP_HTTP);
  }

  @Test
  void azureTriggerRecordingsAreToldByTheirMetadata() {
    assertThat(
            trigger("{\"functionName\":\"f\",\"input\":\"x\",\"metadata\":{\"DequeueCount\":1}}"))
        .isEqualTo(EntryPoint.AZURE_QUEUE);
    assertThat(
            trigger("{\"functionName\":\"f\",\"input\":\"x\",\"metadata\":{\"DeliveryCount\":1}}"))
        .isEqualTo(EntryPoint.AZURE_SERVICEBUS);
    assertThat(trigger("{\"functionName\":\"f\",\"inputBase64\":\"eA==\"}"))
        .isEqualTo(EntryPoint.AZURE_BLOB);
    assertThat(trigger("{\"functionName\":\"f\",\"input\":\"[{\\\"id\\\":\\\"1\\\"}]\"}"))
        .isEqualTo(EntryPoint.AZURE_COSMOSDB);
    assertThat(trigger("{\"functionName\":\"f\",\"input\":\"x\",\"trigger\":\"timer\"}"))
        .isEqualTo(EntryPoint.AZURE_TIMER);
    assertThatThrownBy(() -> trigger("{\"functionName\":\"f\",\"input\":\"x\"}"))
        .hasMessageContaining("\"trigger\"");
  }

  @Test
  void httpHintsDecideBeforeTheBody() {
    Incoming options =
        new Incoming(
            "o",
            "OPTIONS",
            "/",
            null,
            Headers.builder().add("WebHook-Request-Origin", "eventgrid.azure.net").build(),
            new byte[0],
            Map.of(),
            null);
    assertThat(detector.detect(options)).isEqualTo(EntryPoint.AZURE_HTTP);
    Incoming push =
        new Incoming(
            "p",
            "POST",
            "/",
            null,
            Headers.builder().add("x-goog-pubsub-message-id", "1").build(),
            "hi".getBytes(StandardCharsets.UTF_8),
            Map.of(),
            null);
    assertThat(detector.detect(push)).isEqualTo(EntryPoint.GCP_HTTP);
  }

  private EntryPoint trigger(String json) {
    return detector.detect(Incoming.bytes("t", json.getBytes(StandardCharsets.UTF_8)));
  }
}
