package io.github.cloudeventshandler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.conformance.ConformanceAssertions;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCases;
import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.gcp.internal.CloudEventReader;
import io.github.cloudeventshandler.gcp.internal.GcpRuntime;
import io.github.cloudeventshandler.testing.platform.LocalGcpContext;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every GCP case of the conformance corpus through the real entry point it names, with a recording
 * application behind it: {@code background} cases through {@link BackgroundEntryPoint} (the legacy
 * body split into data + context as the invoker does), {@code cloudevents} cases through {@link
 * CloudEventsEntryPoint} (the structured JSON parsed into a CloudEvent as the invoker does), {@code
 * http} cases through {@link HttpEntryPoint} with the case's transport.
 */
class GcpConformanceTest {

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "gcp", entryPoint = "background")
  void background(ConformanceCase c) {
    RecordingApplication app = RecordingApplication.forCase(c);
    LocalGcpContext.BackgroundInput d = LocalGcpContext.fromLegacyEvent(c.input());
    try {
      new BackgroundEntryPoint(c.configuration(), app).accept(d.data(), d.context());
      ConformanceAssertions.assertNoErrorExpected(c);
    } catch (RuntimeException e) {
      ConformanceAssertions.assertError(c, e);
    }
    ConformanceAssertions.assertRequests(c, app.requests());
    checkClassificationFromRequests(c, app, "BACKGROUND");
    app.requests()
        .forEach(
            r ->
                assertThat(r.attributes().get(RequestAttributes.PLATFORM_CONTEXT))
                    .isSameAs(d.context()));
  }

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "gcp", entryPoint = "cloudevents")
  void cloudEvents(ConformanceCase c) {
    RecordingApplication app = RecordingApplication.forCase(c);
    CloudEvent event = structured(c.input());
    try {
      new CloudEventsEntryPoint(c.configuration(), app).accept(event);
      ConformanceAssertions.assertNoErrorExpected(c);
    } catch (RuntimeException e) {
      ConformanceAssertions.assertError(c, e);
    }
    ConformanceAssertions.assertRequests(c, app.requests());
    checkClassificationFromRequests(c, app, "CLOUD_EVENT");
    app.requests()
        .forEach(
            r -> assertThat(r.attributes().get(RequestAttributes.CLOUD_EVENT)).isSameAs(event));
  }

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "gcp", entryPoint = "http")
  void http(ConformanceCase c) throws Exception {
    RecordingApplication app = RecordingApplication.forCase(c);
    ConformanceCase.Transport t = c.transport().orElseThrow();
    LocalGcpHttpRequest request =
        LocalGcpHttpRequest.request(t.method(), t.path())
            .query(t.query().orElse(null))
            .headers(t.headers())
            .body(c.input());
    LocalGcpHttpResponse response = new LocalGcpHttpResponse();
    new HttpEntryPoint(c.configuration(), app).service(request, response);
    ConformanceAssertions.assertRequests(c, app.requests());
    ConformanceAssertions.assertHttpReply(c, response.toAppResponse());
    RawEvent raw =
        RawEvent.builder(RawEvent.GCP, c.input())
            .headers(t.headers())
            .request(t.method(), t.path(), t.query().orElse(null))
            .build();
    ClassifiedEvent event = GcpRuntime.create(c.configuration(), app).classify(raw);
    ConformanceAssertions.assertClassification(c, event);
    app.requests()
        .forEach(
            r ->
                assertThat(r.attributes().get(RequestAttributes.PLATFORM_CONTEXT))
                    .isSameAs(request));
  }

  /**
   * Parses a structured CloudEvent as the Functions Framework would before calling the function.
   */
  static CloudEvent structured(byte[] json) {
    RawEvent raw =
        RawEvent.builder(RawEvent.GCP, json)
            .headers(Headers.builder().add("Content-Type", "application/cloudevents+json").build())
            .build();
    return CloudEventReader.read(raw).event();
  }

  /** Kind and route from what the application saw; the reply contract is the entry point's. */
  private static void checkClassificationFromRequests(
      ConformanceCase c, RecordingApplication app, String reply) {
    var exp = c.expected().getAsJsonObject("classification");
    if (exp == null || app.requests().isEmpty()) {
      return;
    }
    AppRequest r = app.requests().get(0);
    Map<String, Object> a = r.attributes();
    assertThat(a.get(RequestAttributes.KIND)).isEqualTo(exp.get("kind").getAsString());
    assertThat(r.path()).isEqualTo(exp.get("route").getAsString());
    assertThat(reply).isEqualTo(exp.get("reply").getAsString());
  }
}
