package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.PayloadMode;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.testing.platform.LocalLambdaContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one classifier through the real {@link EventPipeline} with a lambda application that records
 * every request and answers with a scripted status.
 */
final class DispatchProbe {
  final List<AppRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final EventPipeline pipeline;
  private final Function<AppRequest, AppResponse> answer;

  private DispatchProbe(
      EventClassifier classifier, Configuration config, Function<AppRequest, AppResponse> answer) {
    this.pipeline = EventPipeline.create(config, ClassifierRegistry.of(classifier));
    this.answer = answer;
  }

  static DispatchProbe of(EventClassifier classifier) {
    return new DispatchProbe(classifier, Configuration.builder().build(), r -> AppResponse.of(200));
  }

  static DispatchProbe unwrapped(EventClassifier classifier) {
    return new DispatchProbe(
        classifier,
        Configuration.builder().payload(PayloadMode.UNWRAPPED).build(),
        r -> AppResponse.of(200));
  }

  static DispatchProbe answering(EventClassifier classifier, Function<AppRequest, AppResponse> a) {
    return new DispatchProbe(classifier, Configuration.builder().build(), a);
  }

  static RawEvent raw(String json) {
    return RawEvent.builder(RawEvent.AWS, json.getBytes(StandardCharsets.UTF_8)).build();
  }

  static RawEvent raw(String json, String lambdaRequestId) {
    return RawEvent.builder(RawEvent.AWS, json.getBytes(StandardCharsets.UTF_8))
        .platformContext(LocalLambdaContext.builder().requestId(lambdaRequestId).build())
        .build();
  }

  ClassifiedEvent classify(String json) {
    return pipeline.classify(raw(json));
  }

  DispatchResult dispatch(RawEvent raw) {
    ClassifiedEvent event = pipeline.classify(raw);
    return pipeline.dispatch(
        event,
        request -> {
          requests.add(request);
          return answer.apply(request);
        },
        raw.platformContext().orElse(null),
        Duration.ofSeconds(5));
  }

  DispatchResult dispatch(String json) {
    return dispatch(raw(json));
  }

  AppRequest only() {
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  static String header(AppRequest r, String name) {
    return r.header(name).orElse(null);
  }
}
