package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCases;
import io.github.cloudeventshandler.conformance.CorpusMutations;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Issue 10, class 4: every AWS classifier (and core's CloudEvents classifier, which also reads
 * Lambda events) against type-swapped mutations of every recorded AWS event: at each JSON path the
 * value becomes a string, number, boolean, null, object or array, or is removed, and seeded random
 * rounds combine several changes with hostile strings. Each classifier must answer "not mine",
 * classify into records with valid CloudEvent attributes, or throw a {@code BadEventException} with
 * a one-line message — never an {@code UnsupportedOperationException}, {@code
 * IllegalStateException}, {@code IllegalArgumentException} or another throwable ({@link
 * CorpusMutations}).
 */
class ClassifierMutationTest {
  private static final AtomicLong CHECKED = new AtomicLong();

  private static final List<EventClassifier> CLASSIFIERS =
      ServiceLoader.load(EventClassifier.class).stream().map(ServiceLoader.Provider::get).toList();

  @Test
  void everyAwsClassifierIsTested() {
    assertThat(CLASSIFIERS).hasSizeGreaterThanOrEqualTo(25);
    assertThat(CLASSIFIERS)
        .extracting(c -> c.getClass().getSimpleName())
        .contains("SqsClassifier", "ApiGatewayV2Classifier", "AlbClassifier", "KafkaClassifier");
  }

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "aws")
  void classifiersAnswerOrRejectWithADocumentedException(ConformanceCase c) {
    int checked =
        CorpusMutations.check(
            c,
            CLASSIFIERS,
            bytes -> RawEvent.builder(RawEvent.AWS, bytes).build(),
            CorpusMutations.rounds(30));
    assertThat(checked).isGreaterThan(30);
    CHECKED.addAndGet(checked);
  }

  @AfterAll
  static void summary() {
    System.out.println(
        "AWS classifier mutations: "
            + CHECKED.get()
            + " mutated events, each offered to "
            + CLASSIFIERS.size()
            + " classifiers");
  }
}
