package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestDefaultsTest {

  @Test
  void parsesMethodPrefixAndHeaders() {
    RequestDefaults d =
        RequestDefaults.parse(
            "{\"method\":\"PUT\",\"pathPrefix\":\"/events\","
                + "\"headers\":{\"X-Api-Key\":\"k\",\"Accept\":[\"a/b\",\"c/d\"]}}");
    assertThat(d.method()).isEqualTo("PUT");
    assertThat(d.pathPrefix()).isEqualTo("/events");
    assertThat(d.headers().first("x-api-key")).contains("k");
    assertThat(d.headers().all("Accept")).containsExactly("a/b", "c/d");
  }

  @Test
  void headerValuesAreTrimmedAsEveryHeaderTheLibrarySends() {
    RequestDefaults d =
        RequestDefaults.parse(
            "{\"headers\":{\"X-Api-Key\":\" k \\t\",\"Accept\":[\"\\ta/b\",\"c/d \"]}}");
    assertThat(d.headers().first("X-Api-Key")).contains("k");
    assertThat(d.headers().all("Accept")).containsExactly("a/b", "c/d");
  }

  @Test
  void everythingIsOptional() {
    assertThat(RequestDefaults.parse("{}")).isEqualTo(RequestDefaults.NONE);
    assertThat(RequestDefaults.NONE.method()).isEqualTo("POST");
    assertThat(RequestDefaults.NONE.pathPrefix()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | not valid JSON",
        "[] | expected a JSON object",
        "{\"method\":\"put\"} | method must be an upper-case HTTP method",
        "{\"method\":1} | method must be a string",
        "{\"pathPrefix\":\"events\"} | pathPrefix must look like '/events'",
        "{\"pathPrefix\":\"/events/\"} | pathPrefix must look like",
        "{\"pathPrefix\":\"/a/../b\"} | pathPrefix must look like",
        "{\"pathPrefix\":\"/a//b\"} | pathPrefix must look like",
        "{\"pathPrefix\":\"/a b\"} | pathPrefix must look like",
        "{\"headers\":[]} | headers must be an object",
        "{\"headers\":{\"A\":1}} | headers.A must be a string",
        "{\"headers\":{\"A\":[\"x\",2]}} | headers.A must be a string",
        "{\"headers\":{\"Host\":\"evil\"}} | Host' is set by the bridge and cannot be defaulted",
        "{\"headers\":{\"content-length\":\"5\"}} | cannot be defaulted",
        "{\"headers\":{\"Transfer-Encoding\":\"chunked\"}} | cannot be defaulted",
        "{\"headers\":{\"ce-id\":\"forged\"}} | only the event itself sets ce-* headers",
        "{\"headers\":{\"Bad Name\":\"x\"}} | is not a valid header name",
        "{\"headers\":{\"X\":\"a\\r\\nInjected: 1\"}} | control character",
        "{\"verb\":\"GET\"} | unknown key 'verb'",
        "{\"method\":\"GET\",\"method\":\"PUT\"} | duplicate key"
      })
  void badValuesNameTheVariable(String json, String fragment) {
    assertThatThrownBy(() -> RequestDefaults.parse(json))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("CEH_REQUEST_DEFAULTS")
        .hasMessageContaining(fragment)
        .hasMessageEndingWith("(see docs/troubleshooting.md#configuration)");
  }

  @Test
  void wrappedJsonErrorsPointToTheConfigurationSectionOnly() {
    assertThatThrownBy(() -> RequestDefaults.parse("{"))
        .hasMessageNotContaining("#malformed-json")
        .hasMessageContaining("#configuration");
  }
}
