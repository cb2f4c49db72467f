package io.github.cloudeventshandler.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.PayloadMode;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class ConformanceCorpusTest {

  @Test
  void readsEveryIndexedCaseFromTheClasspath() {
    List<String> index = ConformanceCorpus.index();
    List<ConformanceCase> all = ConformanceCorpus.all();
    assertThat(all).extracting(ConformanceCase::id).containsExactlyElementsOf(index);
    assertThat(ConformanceCorpus.cases("cloudevents"))
        .isNotEmpty()
        .allMatch(c -> c.provider().equals("cloudevents"));
  }

  @Test
  void aCaseCarriesItsBytesSidecarAndTransport() {
    ConformanceCase c = ConformanceCorpus.get("cloudevents/sdk-java/text-data");
    assertThat(c.source()).isEqualTo("sdk-java");
    assertThat(c.name()).isEqualTo("text-data");
    assertThat(c.resource()).isEqualTo("conformance/cloudevents/sdk-java/text-data.json");
    assertThat(c.inputText()).contains("\"data\": \"Hello World Lorena!\"");
    assertThat(c.entryPoint()).isEqualTo("cloudevents-http");
    assertThat(c.expectsError()).isFalse();
    assertThat(c.toString()).isEqualTo("cloudevents/sdk-java/text-data");
    RawEvent raw = c.rawEvent(RawEvent.HTTP);
    assertThat(raw.method()).contains("POST");
    assertThat(raw.path()).contains("/");
    assertThat(raw.contentType()).contains("application/cloudevents+json; charset=UTF-8");
    assertThat(raw.body()).isEqualTo(c.input());
  }

  @Test
  void unknownProvidersAndMalformedIdsFailLoudly() {
    assertThatThrownBy(() -> ConformanceCorpus.cases("awz"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no case for 'awz'");
    assertThatThrownBy(() -> ConformanceCorpus.get("aws/../x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ConformanceCorpus.get("aws/s3/does-not-exist"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("conformance/aws/s3/does-not-exist.json");
  }

  @Test
  void scenariosLayTheirFieldsOverTheCase() {
    ConformanceCase c =
        ConformanceAssertionsTest.sidecar(
            """
            {"entryPoint": "lambda", "settings": {"CEH_PAYLOAD": "unwrapped"},
             "reply": {"a": 1},
             "scenarios": [{"answers": [500], "reply": {"b": 2}}, {"answers": [200]}]}
            """);
    List<ConformanceCase> runs = c.scenarios();
    assertThat(runs)
        .extracting(ConformanceCase::id)
        .containsExactly("test/unit/case#1", "test/unit/case#2");
    assertThat(runs.get(0).expected().get("reply").toString()).isEqualTo("{\"b\":2}");
    assertThat(runs.get(1).expected().get("reply").toString()).isEqualTo("{\"a\":1}");
    assertThat(runs.get(0).expected().has("scenarios")).isFalse();
    assertThat(runs.get(0).configuration().payload()).isEqualTo(PayloadMode.UNWRAPPED);
    assertThat(runs.get(0).settings()).containsEntry("CEH_PAYLOAD", "unwrapped");
  }

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "cloudevents", source = "sdk-java")
  void theArgumentsSourceGivesOneCasePerIndexedCase(ConformanceCase c) {
    assertThat(c.source()).isEqualTo("sdk-java");
    assertThat(ConformanceCorpus.index()).contains(c.id());
  }

  @Test
  void theArgumentsSourceRefusesAnEmptySelection() {
    assertThat(
            ConformanceCaseArguments.select("cloudevents", "", "").stream()
                .map(ConformanceCase::id))
        .containsExactlyElementsOf(
            ConformanceCorpus.index().stream().filter(i -> i.startsWith("cloudevents/")).toList());
    assertThatThrownBy(() -> ConformanceCaseArguments.select("cloudevents", "sdk-java", "lambda"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("entryPoint 'lambda'");
  }
}
