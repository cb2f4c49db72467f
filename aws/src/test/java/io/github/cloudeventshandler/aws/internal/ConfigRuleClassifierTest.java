package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import org.junit.jupiter.api.Test;

class ConfigRuleClassifierTest {
  static final String CHANGE =
      """
      {"invokingEvent":"{\\"configurationItem\\":{\\"configurationItemCaptureTime\\":\\"2016-10-06T16:46:16.261Z\\",\\"resourceId\\":\\"i-00000000\\",\\"resourceType\\":\\"AWS::EC2::Instance\\"},\\"messageType\\":\\"ConfigurationItemChangeNotification\\"}",
       "ruleParameters":"{}","resultToken":"myResultToken","eventLeftScope":false,
       "configRuleArn":"arn:aws:config:eu-central-1:123456789012:config-rule/config-rule-0123456",
       "configRuleName":"change-triggered-config-rule","configRuleId":"config-rule-0123456",
       "accountId":"123456789012","version":"1.0"}""";

  @Test
  void mapsTheRuleInvocation() {
    DispatchProbe probe = DispatchProbe.unwrapped(new ConfigRuleClassifier());
    var result = probe.dispatch(CHANGE);
    assertThat(result.event().kind()).isEqualTo("aws.config");
    assertThat(result.event().reply()).isEqualTo(LambdaReply.ASYNC);
    var r = probe.only();
    assertThat(r.path()).isEqualTo("/aws.config");
    assertThat(DispatchProbe.header(r, "ce-id")).isEqualTo("myResultToken");
    assertThat(DispatchProbe.header(r, "ce-source"))
        .isEqualTo("arn:aws:config:eu-central-1:123456789012:config-rule/config-rule-0123456");
    assertThat(DispatchProbe.header(r, "ce-type"))
        .isEqualTo("com.amazonaws.config.ConfigurationItemChangeNotification");
    assertThat(DispatchProbe.header(r, "ce-time")).isEqualTo("2016-10-06T16:46:16.261Z");
    assertThat(DispatchProbe.header(r, "ce-subject")).isEqualTo("AWS::EC2::Instance/i-00000000");
    assertThat(r.bodyText()).startsWith("{\"configurationItem\":");
  }

  @Test
  void anInvokingEventThatIsNotJsonIsRejected() {
    String json = CHANGE.replaceFirst("\"invokingEvent\":\"\\{", "\"invokingEvent\":\"nope{");
    assertThatThrownBy(() -> DispatchProbe.of(new ConfigRuleClassifier()).classify(json))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
        .hasMessageContaining(
            "aws aws.config event myResultToken: field invokingEvent is not a JSON object string")
        .hasMessageNotContaining("malformed-json");
  }

  @Test
  void anInvocationWithoutResultTokenIsRejected() {
    String json = CHANGE.replace("\"resultToken\":\"myResultToken\",", "");
    assertThatThrownBy(() -> DispatchProbe.of(new ConfigRuleClassifier()).classify(json))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD))
        .hasMessageContaining("aws aws.config event: field resultToken is missing");
  }
}
