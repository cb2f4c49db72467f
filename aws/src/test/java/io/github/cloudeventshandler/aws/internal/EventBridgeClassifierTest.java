package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventBridgeClassifierTest {
  static final String SCHEDULED =
      """
      {"version":"0","id":"fae0433b","detail-type":"Scheduled Event","source":"aws.events",
       "account":"123456789012","time":"2020-09-30T15:58:34Z","region":"eu-central-1",
       "resources":["arn:aws:events:eu-central-1:123456789012:rule/demo"],"detail":{}}""";

  @Test
  void scheduledEventGoesToAwsEventsWithTheDetailTypeAsCloudEventType() {
    DispatchProbe probe = DispatchProbe.of(new EventBridgeClassifier());
    var result = probe.dispatch(SCHEDULED);
    assertThat(result.event().kind()).isEqualTo("aws.events");
    assertThat(result.event().reply()).isEqualTo(LambdaReply.ASYNC);
    var r = probe.only();
    assertThat(r.path()).isEqualTo("/aws.events");
    assertThat(DispatchProbe.header(r, "ce-id")).isEqualTo("fae0433b");
    assertThat(DispatchProbe.header(r, "ce-source")).isEqualTo("aws.events");
    assertThat(DispatchProbe.header(r, "ce-type")).isEqualTo("Scheduled%20Event");
    assertThat(DispatchProbe.header(r, "ce-time")).isEqualTo("2020-09-30T15:58:34Z");
    assertThat(DispatchProbe.header(r, "ce-subject"))
        .isEqualTo("arn:aws:events:eu-central-1:123456789012:rule/demo");
    assertThat(r.bodyText()).isEqualTo(SCHEDULED);
  }

  @ParameterizedTest
  @CsvSource({
    "aws.ec2,EC2 Instance State-change Notification,/aws.ec2",
    "aws.autoscaling,EC2 Instance-launch Lifecycle Action,/aws.autoscaling",
    "com.my.app,Order Placed,/com.my.app"
  })
  void theRouteIsTheSource(String source, String detailType, String route) {
    String json =
        "{\"id\":\"1\",\"source\":\""
            + source
            + "\",\"detail-type\":\""
            + detailType
            + "\",\"detail\":{\"x\":1}}";
    DispatchProbe probe = DispatchProbe.unwrapped(new EventBridgeClassifier());
    probe.dispatch(json);
    assertThat(probe.only().path()).isEqualTo(route);
    assertThat(probe.only().bodyText()).isEqualTo("{\"x\":1}");
    assertThat(DispatchProbe.header(probe.only(), "ce-subject")).isNull();
  }

  @Test
  void aSourceThatWouldEscapeTheRouteIsRejected() {
    String json = "{\"id\":\"1\",\"source\":\"..\",\"detail-type\":\"x\",\"detail\":{}}";
    assertThatThrownBy(() -> DispatchProbe.of(new EventBridgeClassifier()).classify(json))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH))
        .hasMessageContaining("aws aws.events event 1: field \"source\" cannot become a route");
    String slash = "{\"id\":\"1\",\"source\":\"a/../b\",\"detail-type\":\"x\",\"detail\":{}}";
    assertThatThrownBy(() -> DispatchProbe.of(new EventBridgeClassifier()).classify(slash))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("contains '/'");
  }

  @Test
  void anEventWithoutIdIsRejected() {
    String json = SCHEDULED.replace("\"id\":\"fae0433b\",", "");
    assertThatThrownBy(() -> DispatchProbe.of(new EventBridgeClassifier()).classify(json))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD))
        .hasMessageContaining("aws aws.events event: field id is missing");
  }

  @Test
  void cloudEventsAndAlarmsAreNotClaimed() {
    var c = new EventBridgeClassifier();
    assertThat(
            c.classify(
                DispatchProbe.raw(
                    "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}")))
        .isEmpty();
    assertThat(
            c.classify(
                DispatchProbe.raw(
                    "{\"source\":\"aws.cloudwatch\",\"alarmArn\":\"a\",\"alarmData\":{}}")))
        .isEmpty();
  }
}
