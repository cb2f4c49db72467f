package io.github.cloudeventshandler.aws;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.cloudeventshandler.conformance.ConformanceAssertions;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.ClassifierRegistry;
import io.github.cloudeventshandler.core.EventPipeline;
import io.github.cloudeventshandler.core.RawEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Mockito;

/**
 * Every AWS conformance case of the sources in {@code aws/README-sources-b.md} (and the events no
 * classifier supports) through the classifiers found by {@link java.util.ServiceLoader} and the
 * real {@link EventPipeline}, with a recording application: classification, every request and every
 * expected error. The native Lambda replies of these cases are checked by the runner that goes
 * through {@code LambdaHandler}.
 */
class AwsSourcesBConformanceTest {
  /** The Lambda request id the sidecars expect (conformance/.../aws/*&#47;README.md). */
  static final String REQUEST_ID = "8f5e3b1a-4c2d-4e6f-9a7b-0c1d2e3f4a5b";

  static final Set<String> SOURCES =
      Set.of(
          "alexa",
          "cloudfront",
          "cloudwatch-alarms",
          "cloudwatch-logs",
          "codecommit",
          "cognito",
          "config",
          "eventbridge",
          "iot",
          "kafka",
          "lex",
          "mq",
          "rabbitmq",
          "ses",
          "unsupported");

  static Stream<ConformanceCase> cases() {
    return ConformanceCorpus.cases("aws").stream()
        .filter(c -> SOURCES.contains(c.source()))
        .flatMap(c -> c.scenarios().stream());
  }

  private static final ClassifierRegistry REGISTRY =
      ClassifierRegistry.load(AwsSourcesBConformanceTest.class.getClassLoader());
  private static final Context CONTEXT = Mockito.mock(Context.class);

  static {
    Mockito.when(CONTEXT.getAwsRequestId()).thenReturn(REQUEST_ID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void throughThePipeline(ConformanceCase c) {
    EventPipeline pipeline = EventPipeline.create(c.configuration(), REGISTRY);
    Context context = CONTEXT;
    RawEvent raw =
        RawEvent.builder(RawEvent.AWS, c.input())
            .platformContext(context)
            .limits(c.configuration().limits())
            .build();
    RecordingApplication app = RecordingApplication.forCase(c);
    ClassifiedEvent event;
    try {
      event = pipeline.classify(raw);
    } catch (RuntimeException e) {
      ConformanceAssertions.assertError(c, e);
      ConformanceAssertions.assertRequests(c, app.requests());
      return;
    }
    ConformanceAssertions.assertClassification(c, event);
    pipeline.dispatch(event, app, context, Duration.ofSeconds(10));
    ConformanceAssertions.assertRequests(c, app.requests());
  }

  @Test
  void everySourceHasCases() {
    List<String> seen = cases().map(ConformanceCase::source).distinct().sorted().toList();
    org.assertj.core.api.Assertions.assertThat(seen).containsExactlyInAnyOrderElementsOf(SOURCES);
  }
}
