package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import org.junit.jupiter.api.Test;

class CloudWatchAlarmClassifierTest {
  static final String ALARM =
      """
      {"source":"aws.cloudwatch","alarmArn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:Main",
       "accountId":"111122223333","time":"2023-08-04T12:56:46.138+0000","region":"us-east-1",
       "alarmData":{"alarmName":"Main","state":{"value":"ALARM",
         "timestamp":"2023-08-04T12:56:46.138+0000"}}}""";

  @Test
  void mapsTheAlarmStateChange() {
    DispatchProbe probe = DispatchProbe.unwrapped(new CloudWatchAlarmClassifier());
    var result = probe.dispatch(ALARM);
    assertThat(result.event().kind()).isEqualTo("aws.cloudwatch");
    assertThat(result.event().reply()).isEqualTo(LambdaReply.ASYNC);
    var r = probe.only();
    assertThat(r.path()).isEqualTo("/aws.cloudwatch");
    assertThat(DispatchProbe.header(r, "ce-id"))
        .isEqualTo(
            "arn:aws:cloudwatch:us-east-1:111122223333:alarm:Main#2023-08-04T12:56:46.138+0000");
    assertThat(DispatchProbe.header(r, "ce-source"))
        .isEqualTo("arn:aws:cloudwatch:us-east-1:111122223333:alarm:Main");
    assertThat(DispatchProbe.header(r, "ce-type"))
        .isEqualTo("com.amazonaws.cloudwatch.alarmStateChange");
    assertThat(DispatchProbe.header(r, "ce-time")).isEqualTo("2023-08-04T12:56:46.138Z");
    assertThat(DispatchProbe.header(r, "ce-subject")).isEqualTo("Main");
    assertThat(r.bodyText()).startsWith("{\"alarmName\":\"Main\"");
  }

  @Test
  void anAlarmWithoutStateTimestampIsRejected() {
    String json = ALARM.replace(",\n   \"timestamp\":\"2023-08-04T12:56:46.138+0000\"", "");
    String broken = json.replace("\"timestamp\":\"2023-08-04T12:56:46.138+0000\"", "\"x\":1");
    assertThatThrownBy(() -> DispatchProbe.of(new CloudWatchAlarmClassifier()).classify(broken))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("field alarmData.state.timestamp is missing");
  }
}
