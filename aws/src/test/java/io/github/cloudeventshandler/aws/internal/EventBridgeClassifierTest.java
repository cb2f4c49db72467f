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
  void aSourceNeverEscapesItsRoute() {
    var probe = DispatchProbe.of(new EventBridgeClassifier());
    String json = "{\"id\":\"1\",\"source\":\"..\",\"detail-type\":\"x\",\"detail\":{}}";
    assertThat(probe.classify(json).route()).isEqualTo("/__");
    String slash = "{\"id\":\"1\",\"source\":\"a/../b\",\"detail-type\":\"x\",\"detail\":{}}";
    assertThat(probe.classify(slash).route()).isEqualTo("/a/__/b");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        // AWS reserves "aws." for its services (PutEvents refuses it from anyone else)
        "aws.ec2 | /aws.ec2",
        "aws.partner/example.com/123/orders | /aws.partner/example.com/123/orders",
        // every other source is its publisher's choice
        "com.my.app | /com.my.app",
        "AWS.S3 | /unverified/AWS.S3",
        "google.cloud.storage | /unverified/google.cloud.storage",
        "microsoft.storage | /unverified/microsoft.storage",
        "azure.servicebus | /unverified/azure.servicebus",
        "a%25b | /a_25b"
      })
  void onlyAwsSourcesKeepTheAwsNamespace(String source, String route) {
    String json =
        "{\"id\":\"1\",\"source\":\"" + source + "\",\"detail-type\":\"x\",\"detail\":{}}";
    assertThat(DispatchProbe.of(new EventBridgeClassifier()).classify(json).route())
        .isEqualTo(route);
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
