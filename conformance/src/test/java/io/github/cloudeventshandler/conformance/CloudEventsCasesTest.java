package io.github.cloudeventshandler.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every {@code cloudevents} case through core's real pipeline: the classifiers found by {@link
 * java.util.ServiceLoader} classify the transport request, and the records are dispatched to a
 * {@link RecordingApplication}.
 */
class CloudEventsCasesTest {
  private static final ClassifierRegistry CLASSIFIERS =
      ClassifierRegistry.load(CloudEventsCasesTest.class.getClassLoader());

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "cloudevents")
  void throughThePipeline(ConformanceCase c) {
    assertThat(CLASSIFIERS.classifiers())
        .as("core's classifiers, found by ServiceLoader")
        .isNotEmpty();
    EventPipeline pipeline = EventPipeline.create(c.configuration(), CLASSIFIERS);
    RecordingApplication app = RecordingApplication.forCase(c);
    ClassifiedEvent event;
    try {
      event = pipeline.classify(c.rawEvent(RawEvent.HTTP));
    } catch (CloudEventsHandlerException e) {
      ConformanceAssertions.assertError(c, e);
      ConformanceAssertions.assertRequests(c, app.requests());
      return;
    }
    ConformanceAssertions.assertNoErrorExpected(c);
    ConformanceAssertions.assertClassification(c, event);
    DispatchResult result = pipeline.dispatch(event, app, null, Duration.ofSeconds(10));
    ConformanceAssertions.assertRequests(c, app.requests());
    assertThat(result.allHandled()).as("every record answered 2xx").isTrue();
  }
}
