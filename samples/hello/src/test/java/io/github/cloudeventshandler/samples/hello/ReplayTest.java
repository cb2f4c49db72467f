package io.github.cloudeventshandler.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.RouteOverrides;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {

  private static List<String> replay(String... selection) {
    return replay(Configuration.builder().build(), selection);
  }

  private static List<String> replay(Configuration settings, String... selection) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Replay.run(List.of(selection), settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aStructuredCloudEventReachesTheServletAtItsRoute() {
    assertThat(replay("cloudevents/sdk-java/json-data"))
        .containsExactly(
            "cloudevents/sdk-java/json-data.json\tcloudevents\t/localhost/source\t200\t"
                + "{\"path\":\"/localhost/source\",\"ce-type\":\"mock.test\",\"ce-id\":\"1\","
                + "\"bodyLength\":2}");
  }

  @Test
  void aBinaryModeEventKeepsItsBodyBytes() {
    assertThat(replay("cloudevents/conformance/v1-minimum-text-utf-8"))
        .containsExactly(
            "cloudevents/conformance/v1-minimum-text-utf-8.json\tcloudevents\t"
                + "/github.com/cloudevents/cloudeventsconformance/yaml/v1.yaml\t200\t"
                + "{\"path\":\"/github.com/cloudevents/cloudeventsconformance/yaml/v1.yaml\","
                + "\"ce-type\":\"io.cloudevents.minimum\",\"ce-id\":\"conformance-0002\","
                + "\"bodyLength\":13}");
  }

  @Test
  void aRejectedEventPrintsWhyAndNeverReachesTheApp() {
    List<String> lines = replay("cloudevents/conformance/v03-minimum-xml");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith(
            "cloudevents/conformance/v03-minimum-xml.json\terror\t-\t-\tBadEventException: ")
        .contains("specversion '0.3'");
  }

  @Test
  void aProviderSelectsEveryOneOfItsCases() {
    List<String> lines = replay("cloudevents");
    assertThat(lines).hasSizeGreaterThanOrEqualTo(20);
    assertThat(lines).allMatch(l -> l.startsWith("cloudevents/") && l.split("\t", -1).length == 5);
  }

  @Test
  void aRouteOverrideToAFailingPathShowsThe500() {
    Configuration failing =
        Configuration.builder()
            .routes(RouteOverrides.parse("{\"types\":{\"mock.test\":\"/mock/fail\"}}"))
            .build();
    assertThat(replay(failing, "cloudevents/sdk-java/text-data"))
        .containsExactly(
            "cloudevents/sdk-java/text-data.json\tcloudevents\t/mock/fail\t500\t"
                + "{\"path\":\"/mock/fail\",\"ce-type\":\"mock.test\",\"ce-id\":\"1\","
                + "\"bodyLength\":19}");
  }

  @Test
  void anS3NotificationReachesThePlainServletAtAwsS3() {
    List<String> lines = replay("aws/s3/s3-put-java-libs");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith(
            "aws/s3/s3-put-java-libs.json\taws.s3\t/aws.s3\t200\t"
                + "{\"path\":\"/aws.s3\",\"ce-type\":\"com.amazonaws.s3.ObjectCreated:Put\"");
  }

  @Test
  void everyLineIsOneRequestEvenWhenTheBodyHasLineBreaks() {
    assertThat(Replay.oneLine("a\tb\r\nc\\")).isEqualTo("a\\tb\\r\\nc\\\\");
    List<String> lines = replay("aws", "gcp", "azure", "cloudevents");
    // one line per request: a multi-record event prints several lines, every case at least one
    assertThat(lines.stream().map(l -> l.substring(0, l.indexOf('\t'))).distinct())
        .containsExactlyInAnyOrderElementsOf(
            ConformanceCorpus.index().stream().map(id -> id + ".json").toList());
    assertThat(lines).allMatch(l -> l.split("\t", -1).length == 5, "five tab-separated fields");
  }

  @Test
  void anUnknownSelectionSaysWhatToType() {
    assertThatThrownBy(() -> replay("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no recorded event matches 'nope'");
  }
}
