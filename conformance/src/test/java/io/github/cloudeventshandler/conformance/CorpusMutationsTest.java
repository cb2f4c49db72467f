package io.github.cloudeventshandler.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.classifier.StandardReply;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The mutation harness finds the defects it is for, and passes a classifier without them. */
class CorpusMutationsTest {
  private static final ConformanceCase SQS =
      ConformanceCorpus.get("aws/sqs/sqs-receive-message-sam");
  private static final Function<byte[], RawEvent> AWS =
      bytes -> RawEvent.builder(RawEvent.AWS, bytes).build();

  /** Reads Records[0].messageId the way the fuzzed classifiers did: raw Gson accessors. */
  private static final EventClassifier RAW_GSON =
      raw -> {
        String id =
            raw.json()
                .getAsJsonObject()
                .getAsJsonArray("Records")
                .get(0)
                .getAsJsonObject()
                .get("messageId")
                .getAsString();
        return Optional.of(classified(id, "/s"));
      };

  /** Claims the event and rejects it properly. */
  private static final EventClassifier REJECTS =
      raw -> {
        throw new BadEventException(Problem.INVALID_FIELD, "aws aws.sqs event: field x is bad");
      };

  private static ClassifiedEvent classified(String id, String source) {
    var ce = CloudEventBuilder.v1().withId(id).withSource(URI.create(source)).withType("t").build();
    Payload p = Payload.json("{}");
    return new ClassifiedEvent(
        RawEvent.AWS,
        "test",
        Delivery.ALL_OR_NOTHING,
        StandardReply.EVENT,
        List.of(EventRecord.of(null, "/test", ce, p, p)),
        p);
  }

  @Test
  void aRawGsonAccessorIsCaught() {
    assertThatThrownBy(() -> CorpusMutations.check(SQS, List.of(RAW_GSON), AWS, 0))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("aws/sqs/sqs-receive-message-sam")
        .hasMessageContaining("answered an unexpected java.lang.");
  }

  @Test
  void aControlCharacterInADerivedIdIsCaught() {
    EventClassifier copiesBody =
        raw ->
            Optional.of(
                classified(raw.json().toString().contains("\\r\\n") ? "a\r\nb" : "ok", "/s"));
    assertThatThrownBy(() -> CorpusMutations.check(SQS, List.of(copiesBody), AWS, 0))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("an invalid CloudEvent: id has a control character");
  }

  @Test
  void aMessageWithoutProviderOrAnchorIsCaught() {
    EventClassifier bare =
        raw -> {
          throw new BadEventException(Problem.INVALID_FIELD, "something is wrong");
        };
    assertThatThrownBy(() -> CorpusMutations.check(SQS, List.of(bare), AWS, 0))
        .hasMessageContaining("a BadEventException with a bad message");
  }

  @Test
  void aClassifierThatAnswersOrRejectsPasses() {
    EventClassifier notMine = raw -> Optional.empty();
    assertThat(CorpusMutations.check(SQS, List.of(notMine, REJECTS), AWS, 10)).isGreaterThan(100);
  }
}
