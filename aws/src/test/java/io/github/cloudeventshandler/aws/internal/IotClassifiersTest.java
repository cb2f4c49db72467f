package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.aws.LambdaReply;
import org.junit.jupiter.api.Test;

class IotClassifiersTest {
  static final String RULE_EVENT =
      """
      {"event":{"eventName":"myChargedEvent","eventTime":1567797571647,"payload":{
        "detector":{"detectorModelName":"HelloWorld","keyValue":"100009","detectorModelVersion":"1"},
        "actionExecutionId":"49f0f32f-1209-38a7-8a76-91cbb5f1ad2b",
        "state":{"stateName":"Charged","variables":{}}}}}""";
  static final String BUTTON =
      "{\"serialNumber\":\"G030JF055364XVRB\",\"clickType\":\"SINGLE\",\"batteryVoltage\":\"2000mV\"}";

  @Test
  void ruleEventsAreRoutedByEventName() {
    DispatchProbe probe = DispatchProbe.unwrapped(new IotRuleClassifier());
    var result = probe.dispatch(RULE_EVENT);
    assertThat(result.event().kind()).isEqualTo("aws.iot");
    assertThat(result.event().reply()).isEqualTo(LambdaReply.ASYNC);
    var r = probe.only();
    assertThat(r.path()).isEqualTo("/myChargedEvent");
    assertThat(DispatchProbe.header(r, "ce-id")).isEqualTo("49f0f32f-1209-38a7-8a76-91cbb5f1ad2b");
    assertThat(DispatchProbe.header(r, "ce-source")).isEqualTo("aws:iotevents/HelloWorld");
    assertThat(DispatchProbe.header(r, "ce-type")).isEqualTo("com.amazonaws.iot.myChargedEvent");
    assertThat(DispatchProbe.header(r, "ce-time")).isEqualTo("2019-09-06T19:19:31.647Z");
    assertThat(DispatchProbe.header(r, "ce-subject")).isEqualTo("100009");
    assertThat(r.bodyText()).startsWith("{\"detector\":");
  }

  @Test
  void anEventNameNeverEscapesItsRouteNorTakesAReservedOne() {
    var probe = DispatchProbe.of(new IotRuleClassifier());
    String climb = RULE_EVENT.replace("myChargedEvent", "../admin");
    assertThat(probe.classify(climb).route()).isEqualTo("/__/admin");
    // the detector model's author chooses the name: a service namespace is not theirs
    String s3 = RULE_EVENT.replace("myChargedEvent", "aws.s3");
    assertThat(probe.classify(s3).route()).isEqualTo("/unverified/aws.s3");
  }

  @Test
  void ruleEventsWithoutExecutionIdUseTheLambdaRequestId() {
    String json = "{\"event\":{\"eventName\":\"x\"}}";
    var e = new IotRuleClassifier().classify(DispatchProbe.raw(json, "req-7")).orElseThrow();
    assertThat(e.records().get(0).cloudEvent().getId()).isEqualTo("req-7");
    assertThat(e.records().get(0).cloudEvent().getSource().toString()).isEqualTo("aws:iotevents");
  }

  @Test
  void buttonPressesGoToAwsIot() {
    DispatchProbe probe = DispatchProbe.of(new IotButtonClassifier());
    var result = probe.dispatch(DispatchProbe.raw(BUTTON, "req-1"));
    assertThat(result.event().kind()).isEqualTo("aws.iot.button");
    var r = probe.only();
    assertThat(r.path()).isEqualTo("/aws.iot");
    assertThat(DispatchProbe.header(r, "ce-id")).isEqualTo("req-1");
    assertThat(DispatchProbe.header(r, "ce-type")).isEqualTo("com.amazonaws.iot.button.SINGLE");
    assertThat(DispatchProbe.header(r, "ce-source")).isEqualTo("aws:iot.button");
    assertThat(DispatchProbe.header(r, "ce-subject")).isEqualTo("G030JF055364XVRB");
    assertThat(r.bodyText()).isEqualTo(BUTTON);
  }

  @Test
  void withoutLambdaContextTheButtonIdIsAContentDigest() {
    var e = DispatchProbe.of(new IotButtonClassifier()).classify(BUTTON);
    assertThat(e.records().get(0).cloudEvent().getId()).matches("sha256:[0-9a-f]{64}");
    assertThat(
            DispatchProbe.of(new IotButtonClassifier())
                .classify(BUTTON)
                .records()
                .get(0)
                .cloudEvent()
                .getId())
        .isEqualTo(e.records().get(0).cloudEvent().getId());
  }

  @Test
  void neitherClaimsTheOther() {
    assertThat(new IotButtonClassifier().classify(DispatchProbe.raw(RULE_EVENT))).isEmpty();
    assertThat(new IotRuleClassifier().classify(DispatchProbe.raw(BUTTON))).isEmpty();
  }
}
