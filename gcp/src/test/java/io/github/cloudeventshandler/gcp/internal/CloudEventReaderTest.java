package io.github.cloudeventshandler.gcp.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import org.junit.jupiter.api.Test;

class CloudEventReaderTest {

  private static RawEvent raw(String body, String... headers) {
    Headers.Builder h = Headers.builder();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return RawEvent.builder(RawEvent.GCP, body.getBytes(UTF_8)).headers(h.build()).build();
  }

  @Test
  void binaryHeaderValuesArePercentDecodedOnceAndUnquoted() {
    GoogleEvent e =
        CloudEventReader.read(
            raw(
                "x",
                "ce-specversion",
                "1.0",
                "ce-id",
                "\"a\\\"b\"",
                "ce-source",
                "//s",
                "ce-type",
                "google.t.v1.x",
                "ce-subject",
                "Euro%20%E2%82%AC%20%2541",
                "Content-Type",
                "text/plain"));
    assertThat(e.event().getId()).isEqualTo("a\"b");
    assertThat(e.event().getSubject()).isEqualTo("Euro € %41");
    assertThat(e.data().contentType()).isEqualTo("text/plain");
    assertThat(e.mode()).isEqualTo("binary");
  }

  @Test
  void decodedControlCharactersAreDataInSubjectsAndExtensionsAndRefusedElsewhere() {
    // a Cloud Storage name may hold a TAB or U+0085 (not CR/LF); names are data, never refused
    GoogleEvent e =
        CloudEventReader.read(
            raw(
                "",
                "ce-specversion",
                "1.0",
                "ce-id",
                "1",
                "ce-source",
                "//s",
                "ce-type",
                "t",
                "ce-subject",
                "objects/a%09b%C2%85c",
                "ce-resourcename",
                "a%0D%0AX-Evil: 1"));
    assertThat(e.event().getSubject()).isEqualTo("objects/a\tb\u0085c");
    assertThat(e.event().getExtension("resourcename")).isEqualTo("a\r\nX-Evil: 1");
    assertThatThrownBy(
            () ->
                CloudEventReader.read(
                    raw(
                        "",
                        "ce-specversion",
                        "1.0",
                        "ce-id",
                        "a%0D%0AX-Evil: 1",
                        "ce-source",
                        "//s",
                        "ce-type",
                        "t")))
        .isInstanceOfSatisfying(
            BadEventException.class, x -> assertThat(x.problem()).isEqualTo(Problem.UNSAFE_HEADER));
    assertThatThrownBy(
            () ->
                CloudEventReader.read(
                    raw(
                        "",
                        "ce-specversion",
                        "1.0",
                        "ce-id",
                        "1",
                        "ce-source",
                        "//s",
                        "ce-type",
                        "t",
                        "ce-subject",
                        "%C0%A0")))
        .hasMessageContaining("UTF-8");
  }

  /**
   * Half of a surrogate pair is refused in every attribute, names included (fuzzing F17: a
   * structured Pub/Sub CloudEvent with {@code "source":"//pubsu\\udc00b…"} was delivered).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"id", "source", "type", "subject", "myext"})
  void halfOfASurrogatePairIsRefusedInEveryAttribute(String attribute) {
    com.google.gson.JsonObject o =
        com.google.gson.JsonParser.parseString(
                "{\"specversion\":\"1.0\",\"id\":\"s1\",\"source\":\"//s\","
                    + "\"type\":\"google.t.v1.x\",\"subject\":\"objects/a\",\"myext\":\"x\"}")
            .getAsJsonObject();
    o.addProperty(attribute, "//pubsu@b");
    // the JSON escape as the body holds it: a lone surrogate cannot be written as UTF-8 bytes
    String body = o.toString().replace("@", "\\udc00");
    assertThatThrownBy(
            () -> CloudEventReader.read(raw(body, "Content-Type", "application/cloudevents+json")))
        .isInstanceOfSatisfying(
            BadEventException.class, x -> assertThat(x.problem()).isEqualTo(Problem.INVALID_FIELD))
        .hasMessageContaining("attribute " + attribute + " holds U+DC00 at index 7");
  }

  @Test
  void structuredModeWinsOverCeHeadersAndKeepsDataBase64Bytes() {
    GoogleEvent e =
        CloudEventReader.read(
            raw(
                "{\"specversion\":\"1.0\",\"id\":\"s1\",\"source\":\"//s\",\"type\":\"google.t.v1.x\","
                    + "\"datacontenttype\":\"application/protobuf\",\"data_base64\":\"CgX/AA==\","
                    + "\"seq\":7,\"flag\":true}",
                "Content-Type",
                "application/cloudevents+json",
                "ce-specversion",
                "1.0",
                "ce-id",
                "other"));
    assertThat(e.event().getId()).isEqualTo("s1");
    assertThat(e.data().bytes()).containsExactly(0x0a, 0x05, 0xff, 0x00);
    assertThat(e.event().getExtension("seq")).isEqualTo(7);
    assertThat(e.event().getExtension("flag")).isEqualTo(true);
    assertThat(
            CloudEventReader.peekType(
                raw(
                    "{\"type\":\"google.t.v1.x\"}",
                    "Content-Type",
                    "application/cloudevents+json")))
        .contains("google.t.v1.x");
  }

  @Test
  void structuredJsonStringDataIsNotParsedAgain() {
    GoogleEvent e =
        CloudEventReader.read(
            raw(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"//s\",\"type\":\"t\","
                    + "\"data\":\"{\\\"a\\\":1}\"}",
                "Content-Type",
                "application/cloudevents+json"));
    assertThat(e.data().text()).isEqualTo("\"{\\\"a\\\":1}\"");
  }

  @Test
  void badExtensionNamesAreRefused() {
    assertThatThrownBy(
            () ->
                CloudEventReader.read(
                    raw(
                        "",
                        "ce-specversion",
                        "1.0",
                        "ce-id",
                        "1",
                        "ce-source",
                        "//s",
                        "ce-type",
                        "t",
                        "ce-foo_bar",
                        "x")))
        .hasMessageContaining("foo_bar");
    assertThatThrownBy(
            () ->
                CloudEventReader.read(
                    raw(
                        "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"//s\",\"type\":\"t\","
                            + "\"foo-bar\":\"x\"}",
                        "Content-Type",
                        "application/cloudevents+json")))
        .hasMessageContaining("foo-bar");
  }
}
