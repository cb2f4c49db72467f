package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteOverridesTest {
  private static final RouteOverrides ALL =
      RouteOverrides.parse(
          "{\"kinds\":{\"aws.s3\":\"/uploads\"},"
              + "\"types\":{\"com.amazonaws.s3.ObjectRemoved:Delete\":\"/uploads/deleted\"},"
              + "\"sources\":{\"aws:s3\":\"/s3\",\"aws:s3.eu-west-1.invoices\":\"/invoices\"}}");

  private static EventRecord record(String type, String source) {
    CloudEvent ce =
        CloudEventBuilder.v1().withId("1").withType(type).withSource(URI.create(source)).build();
    Payload p = Payload.json("{}");
    return EventRecord.of(null, "/aws.s3", ce, p, p);
  }

  @Test
  void typeBeatsSourceBeatsKindBeatsDefault() {
    assertThat(ALL.resolve("aws.s3", record("com.amazonaws.s3.ObjectRemoved:Delete", "aws:s3.x")))
        .isEqualTo(
            new RouteOverrides.Decision(
                "/uploads/deleted", "type com.amazonaws.s3.ObjectRemoved:Delete"));
    assertThat(ALL.resolve("aws.s3", record("t", "aws:s3.eu-west-1.invoices")))
        .isEqualTo(new RouteOverrides.Decision("/invoices", "source aws:s3.eu-west-1.invoices"));
    assertThat(ALL.resolve("aws.s3", record("t", "aws:s3.us-east-1.other")))
        .isEqualTo(new RouteOverrides.Decision("/s3", "source aws:s3"));
    assertThat(ALL.resolve("aws.s3", record("t", "elsewhere")))
        .isEqualTo(new RouteOverrides.Decision("/uploads", "kind aws.s3"));
    assertThat(ALL.resolve("aws.sqs", record("t", "elsewhere")))
        .isEqualTo(new RouteOverrides.Decision("/aws.s3", "default"));
  }

  @Test
  void noneKeepsTheDefault() {
    assertThat(RouteOverrides.parse("{}")).isEqualTo(RouteOverrides.NONE);
    assertThat(RouteOverrides.NONE.resolve("k", record("t", "s")).rule()).isEqualTo("default");
  }

  @Test
  void httpRecordsWithoutCloudEventUseKindRules() {
    AppRequest req = AppRequest.builder("GET", "/x").build();
    EventRecord http = EventRecord.http("/x", null, req);
    RouteOverrides o = new RouteOverrides(Map.of("aws.alb", "/alb"), Map.of(), Map.of());
    assertThat(o.resolve("aws.alb", http).route()).isEqualTo("/alb");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nope | not valid JSON",
        "{\"kind\":{}} | unknown key 'kind'",
        "{\"kinds\":[]} | kinds must be an object",
        "{\"types\":{\"t\":1}} | types.t must be a string route",
        "{\"kinds\":{\"a\":\"no-slash\"}} | must start and not end with '/'",
        "{\"kinds\":{\"a\":\"/x/../y\"}} | dot segment",
        "{\"sources\":{\"s\":\"/a%2fb\"}} | %2f",
        "{\"kinds\":{\"a\":\"/x\",\"a\":\"/y\"}} | duplicate key"
      })
  void badValuesNameTheVariable(String json, String fragment) {
    assertThatThrownBy(() -> RouteOverrides.parse(json))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("CEH_ROUTES")
        .hasMessageContaining(fragment);
  }
}
