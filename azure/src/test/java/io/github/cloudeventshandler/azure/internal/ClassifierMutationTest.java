package io.github.cloudeventshandler.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCases;
import io.github.cloudeventshandler.conformance.CorpusMutations;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Issue 10, class 4: every Azure classifier (and core's CloudEvents classifier) against
 * type-swapped mutations of every recorded Azure event whose body is JSON the classifiers read:
 * Event Grid deliveries through the {@code @EventGridTrigger} and over the HTTP trigger (both
 * schemas, the validation handshake, Web PubSub upstream requests). Each classifier answers "not
 * mine", classifies into records with valid CloudEvent attributes, or throws a {@code
 * BadEventException} with a one-line message; never another throwable ({@link CorpusMutations}).
 * The other triggers hand over bytes and host metadata strings, which no classifier parses.
 */
class ClassifierMutationTest {
  private static final AtomicLong CHECKED = new AtomicLong();

  private static final List<EventClassifier> CLASSIFIERS =
      ServiceLoader.load(EventClassifier.class).stream().map(ServiceLoader.Provider::get).toList();

  @Test
  void everyAzureClassifierIsTested() {
    assertThat(CLASSIFIERS)
        .extracting(c -> c.getClass().getSimpleName())
        .contains("EventGridClassifier", "WebPubSubClassifier", "AzureHttpClassifier");
  }

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "azure")
  void classifiersAnswerOrRejectWithADocumentedException(ConformanceCase c) {
    Function<byte[], RawEvent> raw;
    if (c.entryPoint().equals("eventgrid")) {
      raw =
          bytes ->
              RawEvent.builder(RawEvent.AZURE, bytes)
                  .platformContext(
                      new TriggerInput(
                          AzureTrigger.EVENT_GRID,
                          "eventgrid",
                          List.of(new TriggerInput.Item(bytes, Map.of())),
                          null))
                  .build();
    } else if (c.entryPoint().equals("http") && c.inputText().trim().matches("(?s)[\\[{].*")) {
      ConformanceCase.Transport t = c.transport().orElseThrow();
      raw =
          bytes ->
              RawEvent.builder(RawEvent.AZURE, bytes)
                  .headers(t.headers())
                  .request(t.method(), t.path(), t.query().orElse(null))
                  .build();
    } else {
      return; // bytes and metadata strings only: nothing for a classifier to parse
    }
    int checked = CorpusMutations.check(c, CLASSIFIERS, raw, CorpusMutations.rounds(30));
    assertThat(checked).isGreaterThan(30);
    CHECKED.addAndGet(checked);
  }

  @AfterAll
  static void summary() {
    System.out.println(
        "Azure classifier mutations: "
            + CHECKED.get()
            + " mutated events, each offered to "
            + CLASSIFIERS.size()
            + " classifiers");
  }
}
