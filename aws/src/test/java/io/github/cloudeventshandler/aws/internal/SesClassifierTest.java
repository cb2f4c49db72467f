package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SesClassifierTest {
  static final String TWO =
      """
      {"Records":[
        {"eventSource":"aws:ses","eventVersion":"1.0","ses":{"mail":{"messageId":"m-1",
          "timestamp":"2015-10-07T19:34:56.000Z","destination":["john@example.com"],
          "source":"jane@example.com"},"receipt":{"action":{"type":"Lambda"}}}},
        {"eventSource":"aws:ses","eventVersion":"1.0","ses":{"mail":{"messageId":"m-2",
          "destination":[]}}}
      ]}""";

  @Test
  void classifiesEveryRecordAsAnAsynchronousSesEvent() {
    ClassifiedEvent e = DispatchProbe.of(new SesClassifier()).classify(TWO);
    assertThat(e.kind()).isEqualTo("aws.ses");
    assertThat(e.route()).isEqualTo("/aws.ses");
    assertThat(e.reply()).isEqualTo(LambdaReply.ASYNC);
    assertThat(e.delivery()).isEqualTo(Delivery.ALL_OR_NOTHING);
    assertThat(e.records()).hasSize(2);
    assertThat(e.records().get(0).itemId()).isNull();
  }

  @Test
  void sendsOneRequestPerRecordWithCloudEventHeadersAndTheNarrowedEvent() {
    DispatchProbe probe = DispatchProbe.of(new SesClassifier());
    assertThat(probe.dispatch(TWO).allHandled()).isTrue();
    assertThat(probe.requests).hasSize(2);
    var first = probe.requests.get(0);
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.path()).isEqualTo("/aws.ses");
    assertThat(DispatchProbe.header(first, "ce-id")).isEqualTo("m-1");
    assertThat(DispatchProbe.header(first, "ce-source")).isEqualTo("aws:ses");
    assertThat(DispatchProbe.header(first, "ce-type")).isEqualTo("com.amazonaws.ses.emailReceived");
    assertThat(DispatchProbe.header(first, "ce-time")).isEqualTo("2015-10-07T19:34:56Z");
    assertThat(DispatchProbe.header(first, "ce-subject")).isEqualTo("john@example.com");
    assertThat(DispatchProbe.header(first, "Content-Type")).isEqualTo("application/json");
    var body =
        StrictJson.parseObject(first.body(), JsonLimits.DEFAULT, "test").getAsJsonArray("Records");
    assertThat(body).hasSize(1);
    assertThat(
            body.get(0)
                .getAsJsonObject()
                .getAsJsonObject("ses")
                .getAsJsonObject("mail")
                .get("messageId")
                .getAsString())
        .isEqualTo("m-1");
    var second = probe.requests.get(1);
    assertThat(DispatchProbe.header(second, "ce-subject")).isNull();
    assertThat(DispatchProbe.header(second, "ce-time")).isNull();
  }

  @Test
  void unwrappedModeSendsTheSesObject() {
    DispatchProbe probe = DispatchProbe.unwrapped(new SesClassifier());
    probe.dispatch(TWO);
    var ses = StrictJson.parseObject(probe.requests.get(0).body(), JsonLimits.DEFAULT, "test");
    assertThat(ses.keySet()).containsExactly("mail", "receipt");
  }

  @Test
  void aRecordWithoutMessageIdIsRejectedNamingTheRecordAndField() {
    String json =
        """
        {"Records":[{"eventSource":"aws:ses","ses":{"mail":{"messageId":"a"}}},
                    {"eventSource":"aws:ses","ses":{"mail":{}}}]}""";
    assertThatThrownBy(() -> DispatchProbe.of(new SesClassifier()).classify(json))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD))
        .hasMessageContaining("aws aws.ses event: field Records[1].ses.mail.messageId is missing");
  }

  @Test
  void aBatchMixingSourcesIsRejected() {
    String json =
        """
        {"Records":[{"eventSource":"aws:ses","ses":{"mail":{"messageId":"a"}}},
                    {"EventSource":"aws:sns","Sns":{}}]}""";
    assertThatThrownBy(() -> DispatchProbe.of(new SesClassifier()).classify(json))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INCONSISTENT))
        .hasMessageContaining("Records[1].eventSource is missing (its EventSource is aws:sns)");
  }

  @Test
  void otherEventsAreNotClaimed() {
    var c = new SesClassifier();
    assertThat(c.classify(DispatchProbe.raw("{\"Records\":[{\"eventSource\":\"aws:s3\"}]}")))
        .isEmpty();
    assertThat(c.classify(DispatchProbe.raw("{\"Records\":[]}"))).isEmpty();
    assertThat(c.classify(DispatchProbe.raw("[1]"))).isEmpty();
    assertThat(
            c.classify(
                io.github.cloudeventshandler.core.classifier.RawEvent.builder(
                        "gcp", TWO.getBytes(StandardCharsets.UTF_8))
                    .build()))
        .isEmpty();
  }
}
