package io.github.cloudeventshandler.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every {@code cloudevents} case end to end: core's pipeline (classifiers from {@link
 * java.util.ServiceLoader}) dispatches into a real servlet on the real bridge (embedded Jetty), and
 * what the servlet saw — method, raw path, headers, body, the CloudEvent request attribute — is
 * compared with the sidecar.
 */
class CloudEventsServletTest {
  private static final ClassifierRegistry CLASSIFIERS =
      ClassifierRegistry.load(CloudEventsServletTest.class.getClassLoader());
  private static ServletApplication app;

  @BeforeAll
  static void start() {
    app = ServletApplication.start(RecordingServlet.class, Configuration.builder().build());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "cloudevents")
  void throughTheBridgeIntoAServlet(ConformanceCase c) {
    RecordingServlet.reset(
        RecordingApplication.forCase(c).answers().stream().map(AppResponse::status).toList());
    EventPipeline pipeline = EventPipeline.create(c.configuration(), CLASSIFIERS);
    ClassifiedEvent event;
    try {
      event = pipeline.classify(c.rawEvent(RawEvent.HTTP));
    } catch (CloudEventsHandlerException e) {
      ConformanceAssertions.assertError(c, e);
      assertThat(RecordingServlet.seen()).as("nothing reached the servlet").isEmpty();
      return;
    }
    ConformanceAssertions.assertNoErrorExpected(c);
    ConformanceAssertions.assertClassification(c, event);
    DispatchResult result = pipeline.dispatch(event, app, null, Duration.ofSeconds(10));

    List<RecordingServlet.Seen> seen = RecordingServlet.seen();
    ConformanceAssertions.assertRequests(
        c, seen.stream().map(RecordingServlet.Seen::request).toList());
    for (int i = 0; i < seen.size(); i++) {
      RecordingServlet.Seen s = seen.get(i);
      assertThat(s.cloudEvent())
          .as("%s: the CloudEvent request attribute of request %d", c, i + 1)
          .isEqualTo(event.records().get(i).cloudEvent());
      assertThat(s.platformEvent()).as("platform-event attribute").isEqualTo(Boolean.TRUE);
      assertThat(s.kind()).as("kind attribute").isEqualTo(event.kind());
    }
    assertThat(result.allHandled()).as("every record answered 2xx").isTrue();
    assertThat(result.lastResponse().orElseThrow().bodyText())
        .isEqualTo("seen " + seen.get(seen.size() - 1).request().path());
  }
}
