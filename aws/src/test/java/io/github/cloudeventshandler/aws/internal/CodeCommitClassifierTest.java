package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import org.junit.jupiter.api.Test;

class CodeCommitClassifierTest {
  static final String EVENT =
      """
      {"Records":[{"awsRegion":"eu-central-1","codecommit":{"references":[
        {"commit":"5c4e","ref":"refs/heads/main"}]},"eventId":"ev-1","eventName":"ReferenceChanges",
        "eventPartNumber":1,"eventTotalParts":1,"eventSource":"aws:codecommit",
        "eventSourceARN":"arn:aws:codecommit:eu-central-1:123456789012:my-repo",
        "eventTime":"2016-01-01T23:59:59.000+0000"}]}""";

  @Test
  void mapsTheTriggerToACloudEvent() {
    DispatchProbe probe = DispatchProbe.of(new CodeCommitClassifier());
    var result = probe.dispatch(EVENT);
    assertThat(result.event().kind()).isEqualTo("aws.codecommit");
    assertThat(result.event().reply()).isEqualTo(LambdaReply.ASYNC);
    var r = probe.only();
    assertThat(r.path()).isEqualTo("/aws.codecommit");
    assertThat(DispatchProbe.header(r, "ce-id")).isEqualTo("ev-1");
    assertThat(DispatchProbe.header(r, "ce-source"))
        .isEqualTo("arn:aws:codecommit:eu-central-1:123456789012:my-repo");
    assertThat(DispatchProbe.header(r, "ce-type"))
        .isEqualTo("com.amazonaws.codecommit.ReferenceChanges");
    assertThat(DispatchProbe.header(r, "ce-time")).isEqualTo("2016-01-01T23:59:59Z");
    assertThat(DispatchProbe.header(r, "ce-subject")).isEqualTo("refs/heads/main");
  }

  @Test
  void unwrappedModeSendsTheCodecommitObject() {
    DispatchProbe probe = DispatchProbe.unwrapped(new CodeCommitClassifier());
    probe.dispatch(EVENT);
    var body = StrictJson.parseObject(probe.only().body(), JsonLimits.DEFAULT, "t");
    assertThat(body.keySet()).containsExactly("references");
  }

  @Test
  void multiPartEventsGetThePartNumberInTheId() {
    String json = EVENT.replace("\"eventTotalParts\":1", "\"eventTotalParts\":2");
    var e = DispatchProbe.of(new CodeCommitClassifier()).classify(json);
    assertThat(e.records().get(0).cloudEvent().getId()).isEqualTo("ev-1#1");
  }

  @Test
  void aBadEventTimeIsRejectedNamingTheField() {
    String json = EVENT.replace("2016-01-01T23:59:59.000+0000", "yesterday");
    assertThatThrownBy(() -> DispatchProbe.of(new CodeCommitClassifier()).classify(json))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
        .hasMessageContaining("field Records[0].eventTime is not a time stamp")
        .hasMessageContaining("ev-1");
  }

  @Test
  void aRecordWithoutEventIdIsRejected() {
    String json = EVENT.replace("\"eventId\":\"ev-1\",", "");
    assertThatThrownBy(() -> DispatchProbe.of(new CodeCommitClassifier()).classify(json))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("aws aws.codecommit event: field Records[0].eventId is missing");
  }
}
