package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.spi.JsonLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigurationTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsWhenNothingIsSet() {
    Configuration c = Configuration.from(Map.of("PATH", "/bin"), new Properties());
    assertThat(c.application()).isEmpty();
    assertThat(c.batch()).isEqualTo(BatchMode.PER_RECORD);
    assertThat(c.payload()).isEqualTo(PayloadMode.NATIVE);
    assertThat(c.unrecognizedRoute()).isEmpty();
    assertThat(c.requestDefaults()).isEqualTo(RequestDefaults.NONE);
    assertThat(c.routes()).isEqualTo(RouteOverrides.NONE);
    assertThat(c.limits()).isEqualTo(JsonLimits.DEFAULT);
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.settings()).isEmpty();
    assertThatThrownBy(c::requireApplication)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CEH_APPLICATION is not set");
  }

  @Test
  void readsEveryVariableFromTheEnvironment() {
    Configuration c =
        Configuration.from(
            Map.of(
                "CEH_APPLICATION", " com.example.BooksApp ",
                "CEH_REQUEST_DEFAULTS", "{\"pathPrefix\":\"/events\"}",
                "CEH_ROUTES", "{\"kinds\":{\"aws.sqs\":\"/orders\"}}",
                "CEH_BATCH", "WHOLE",
                "CEH_PAYLOAD", "unwrapped",
                "CEH_UNRECOGNIZED", "/other",
                "CEH_MAX_BODY_BYTES", "1024",
                "CEH_MAX_DEPTH", "10",
                "CEH_TIMEOUT_MS", "1500",
                "CEH_PUBSUB_AUDIENCE", "https://x"),
            new Properties());
    assertThat(c.requireApplication()).isEqualTo("com.example.BooksApp");
    assertThat(c.requestDefaults().pathPrefix()).isEqualTo("/events");
    assertThat(c.routes().byKind()).containsEntry("aws.sqs", "/orders");
    assertThat(c.batch()).isEqualTo(BatchMode.WHOLE);
    assertThat(c.payload()).isEqualTo(PayloadMode.UNWRAPPED);
    assertThat(c.unrecognizedRoute()).contains("/other");
    assertThat(c.limits()).isEqualTo(new JsonLimits(1024, 10));
    assertThat(c.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.setting("CEH_PUBSUB_AUDIENCE")).contains("https://x");
    assertThat(c.setting("CEH_NOT_SET")).isEmpty();
  }

  @Test
  void systemPropertiesWinOverTheEnvironment() {
    Configuration c =
        Configuration.from(
            Map.of("CEH_APPLICATION", "env.App", "CEH_BATCH", "whole", "CEH_PAYLOAD", "native"),
            props("ceh.application", "prop.App", "ceh.batch", "per-record", "other", "x"));
    assertThat(c.requireApplication()).isEqualTo("prop.App");
    assertThat(c.batch()).isEqualTo(BatchMode.PER_RECORD);
    assertThat(c.payload()).isEqualTo(PayloadMode.NATIVE);
    assertThat(c.settings()).containsEntry("CEH_APPLICATION", "prop.App").hasSize(3);
  }

  @Test
  void multiWordPropertiesMapToVariables() {
    Configuration c =
        Configuration.from(
            Map.of("CEH_MAX_BODY_BYTES", "5"),
            props("ceh.max.body.bytes", "7", "ceh.request.defaults", "{\"method\":\"PUT\"}"));
    assertThat(c.limits().maxBytes()).isEqualTo(7);
    assertThat(c.requestDefaults().method()).isEqualTo("PUT");
  }

  @Test
  void rejectIsTheDefaultForUnrecognized() {
    assertThat(
            Configuration.from(Map.of("CEH_UNRECOGNIZED", "Reject"), new Properties())
                .unrecognizedRoute())
        .isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CEH_APPLICATION | com.example.Not A Class",
        "CEH_APPLICATION | com..Example",
        "CEH_REQUEST_DEFAULTS | {bad json",
        "CEH_REQUEST_DEFAULTS | {\"method\":\"get\"}",
        "CEH_ROUTES | {\"kinds\":{\"x\":\"relative\"}}",
        "CEH_ROUTES | []",
        "CEH_BATCH | sometimes",
        "CEH_PAYLOAD | wrapped",
        "CEH_UNRECOGNIZED | /../etc",
        "CEH_UNRECOGNIZED | other",
        "CEH_MAX_BODY_BYTES | lots",
        "CEH_MAX_BODY_BYTES | 0",
        "CEH_MAX_BODY_BYTES | 99999999999",
        "CEH_MAX_DEPTH | -1",
        "CEH_MAX_DEPTH | 256",
        "CEH_TIMEOUT_MS | 1.5",
        "CEH_TIMEOUT_MS | 0"
      })
  void everyBadValueNamesItsVariable(String variable, String value) {
    assertThatThrownBy(() -> Configuration.from(Map.of(variable, value), new Properties()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(variable)
        .hasMessageEndingWith("(see docs/troubleshooting.md#configuration)");
    String property = variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    assertThatThrownBy(() -> Configuration.from(Map.of(), props(property, value)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(variable);
  }

  @Test
  void builderOverridesAndCopies() {
    Configuration c =
        Configuration.from(Map.of("CEH_BATCH", "whole"), new Properties()).toBuilder()
            .application(String.class)
            .payload(PayloadMode.UNWRAPPED)
            .setting("CEH_X", "y")
            .build();
    assertThat(c.requireApplication()).isEqualTo("java.lang.String");
    assertThat(c.batch()).isEqualTo(BatchMode.WHOLE);
    assertThat(c.payload()).isEqualTo(PayloadMode.UNWRAPPED);
    assertThat(c.setting("CEH_X")).contains("y");
    assertThat(c.toString()).contains("batch=WHOLE").contains("unrecognized=reject");
    assertThatThrownBy(() -> Configuration.builder().setting("X", "y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Configuration.builder().unrecognizedRoute("x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CEH_UNRECOGNIZED");
  }
}
