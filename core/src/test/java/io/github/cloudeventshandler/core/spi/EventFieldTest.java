package io.github.cloudeventshandler.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFieldTest {
  private static EventField event(String json) {
    return EventField.root(JsonParser.parseString(json), "aws", "aws.sqs");
  }

  private static final EventField SQS =
      event(
          "{\"Records\":[{\"messageId\":\"m1\",\"n\":7,\"s\":\"\",\"o\":{\"a\":{}},"
              + "\"t\":\"2020-09-30T15:58:34.5Z\",\"c\":\"2016-01-01T23:59:59.000+0000\","
              + "\"ms\":\"1545084650987\",\"sec\":1.5e9,\"b64\":\"YQ==\",\"arr\":[[]],"
              + "\"my.key\":{\"x y\":1},\"big\":1e999999999}]}");

  private static void fails(Runnable read, Problem problem, String message) {
    assertThatThrownBy(read::run)
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(problem))
        .hasMessage(message + " (see docs/troubleshooting.md#" + problem.anchor() + ")");
  }

  @Test
  void readsTypedValues() {
    EventField r = SQS.get("Records").get(0);
    assertThat(r.get("messageId").string()).isEqualTo("m1");
    assertThat(r.get("n").integer()).isEqualTo(7);
    assertThat(r.get("n").text()).isEqualTo("7");
    assertThat(r.get("s").optString()).isEmpty();
    assertThat(r.get("s").optStringOrEmpty()).contains("");
    assertThat(r.get("absent").optString()).isEmpty();
    assertThat(r.get("b64").base64()).containsExactly('a');
    assertThat(r.get("t").time()).isEqualTo(OffsetDateTime.parse("2020-09-30T15:58:34.5Z"));
    assertThat(r.get("c").time()).isEqualTo(OffsetDateTime.parse("2016-01-01T23:59:59Z"));
    assertThat(r.get("ms").optEpochTime(true).orElseThrow())
        .isEqualTo(OffsetDateTime.parse("2018-12-17T22:10:50.987Z"));
    assertThat(r.get("sec").optEpochTime(false).orElseThrow())
        .isEqualTo(OffsetDateTime.parse("2017-07-14T02:40:00Z"));
    assertThat(r.get("my.key").members()).containsOnlyKeys("x y");
  }

  @Test
  void aMissingFieldNamesProviderSourceIdAndPath() {
    EventField r = SQS.get("Records").get(0).withEventId("m1");
    fails(
        () -> r.get("eventSourceARN").string(),
        Problem.MISSING_FIELD,
        "aws aws.sqs event m1: field Records[0].eventSourceARN is missing");
    fails(
        () -> r.get("s").string(),
        Problem.MISSING_FIELD,
        "aws aws.sqs event m1: field Records[0].s is empty");
  }

  @Test
  void aTypeMismatchNamesThePath() {
    EventField r = SQS.get("Records").get(0);
    fails(
        () -> r.get("o").get("a").optString(),
        Problem.INVALID_FIELD,
        "aws aws.sqs event: field Records[0].o.a must be a string but is an object");
    fails(
        () -> r.get("arr").get(0).string(),
        Problem.INVALID_FIELD,
        "aws aws.sqs event: field Records[0].arr[0] must be a string but is an array");
    fails(
        () -> r.get("messageId").get("deeper").get("x").optString(),
        Problem.INVALID_FIELD,
        "aws aws.sqs event: field Records[0].messageId must be an object but is a string");
    fails(
        () -> r.get("n").get(3).optString(),
        Problem.INVALID_FIELD,
        "aws aws.sqs event: field Records[0].n must be an array but is a number");
    fails(
        () -> r.get("my.key").get("x y").string(),
        Problem.INVALID_FIELD,
        "aws aws.sqs event: field Records[0][\"my.key\"][\"x y\"] must be a string but is a"
            + " number");
  }

  @Test
  void probesNeverThrow() {
    EventField r = SQS.get("Records").get(0);
    assertThat(r.get("messageId").get("x").isPresent()).isFalse();
    assertThat(r.get("o").get("a").isString()).isFalse();
    assertThat(r.get("o").isObject()).isTrue();
    assertThat(r.get("messageId").is("m1")).isTrue();
    assertThat(event("[1]").get("Records").get(0).isPresent()).isFalse();
    assertThat(event("null").get("a").get(1).isPresent()).isFalse();
  }

  @Test
  void theRootOfAnArrayIsNoObject() {
    fails(
        () -> event("[]").get("Records").elements(),
        Problem.INVALID_FIELD,
        "aws aws.sqs event: the event must be an object but is an array");
  }

  @Test
  void badValuesAreInvalid() {
    EventField r = SQS.get("Records").get(0).withEventId("m1");
    fails(
        () -> r.get("messageId").integer(),
        Problem.INVALID_FIELD,
        "aws aws.sqs event m1: field Records[0].messageId must be an integer but is 'm1'");
    fails(
        () -> r.get("t").base64(),
        Problem.INVALID_FIELD,
        "aws aws.sqs event m1: field Records[0].t is not valid base64: Illegal base64"
            + " character 2d");
    fails(
        () -> r.get("messageId").time(),
        Problem.INVALID_FIELD,
        "aws aws.sqs event m1: field Records[0].messageId is not a time stamp like"
            + " 2020-09-30T15:58:34Z: 'm1'");
    fails(
        () -> r.get("big").optEpochTime(true),
        Problem.INVALID_FIELD,
        "aws aws.sqs event m1: field Records[0].big is not an epoch time in milliseconds:"
            + " '1e999999999'");
  }

  @Test
  void messagesStayOnOneLine() {
    EventField r = event("{\"a\":\"x\\r\\ny\"}").withEventId("id\nwith\u2028breaks");
    assertThatThrownBy(() -> r.get("a").integer())
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("\r")
        .hasMessageNotContaining("\u2028")
        .hasMessageContaining("id\\u000awith\\u2028breaks")
        .hasMessageContaining("'x\\u000d\\u000ay'");
  }

  @Test
  void elementsAndMembersOfAbsentFieldsAreEmpty() {
    assertThat(SQS.get("none").elements()).isEmpty();
    assertThat(SQS.get("none").members()).isEmpty();
    List<EventField> records = SQS.get("Records").requireElements();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).path()).isEqualTo("Records[0]");
    fails(
        () -> event("{\"Records\":[]}").get("Records").requireElements(),
        Problem.MISSING_FIELD,
        "aws aws.sqs event: field Records is an empty array");
  }

  @Test
  void aDetachedRootNamesItsPlace() {
    EventField decoded =
        EventField.root(
            JsonParser.parseString("{\"logEvents\":[{}]}"), "aws", "aws.logs", "awslogs.data");
    fails(
        () -> decoded.get("logEvents").get(0).get("id").string(),
        Problem.MISSING_FIELD,
        "aws aws.logs event: field awslogs.data.logEvents[0].id is missing");
  }
}
