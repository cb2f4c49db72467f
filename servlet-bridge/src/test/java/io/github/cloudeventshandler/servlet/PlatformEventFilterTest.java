package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.RouteOverrides;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filter in a real app on real Jetty, fed by the real pipeline. */
class PlatformEventFilterTest {
  private static final byte[] EVENT =
      ("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"orders\","
              + "\"type\":\"test.created\",\"data\":{\"k\":1}}")
          .getBytes(StandardCharsets.UTF_8);

  private static ServletApplication app;
  private static EventPipeline pipeline;

  @BeforeAll
  static void start() {
    app = ServletApplication.start(GuardedInitializer.class, Configuration.builder().build());
    pipeline =
        EventPipeline.create(
            Configuration.builder().build(),
            ClassifierRegistry.load(PlatformEventFilterTest.class.getClassLoader()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static DispatchResult deliver(String source) {
    byte[] event =
        ("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\""
                + source
                + "\",\"type\":\"test.created\",\"data\":{\"k\":1}}")
            .getBytes(StandardCharsets.UTF_8);
    ClassifiedEvent event2 = pipeline.classify(RawEvent.builder(RawEvent.AWS, event).build());
    return pipeline.dispatch(event2, app, null, Duration.ofSeconds(10));
  }

  @Test
  void aPlatformEventDispatchedByThePipelinePasses() {
    DispatchResult result = deliver("orders");

    assertThat(result.event().route()).isEqualTo("/orders");
    assertThat(result.allHandled()).isTrue();
    AppResponse res = result.lastResponse().orElseThrow();
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.header("X-Uri")).contains("/orders");
  }

  @Test
  void aCloudEventClaimingAServiceSourceNeverReachesTheServiceRoute() {
    DispatchResult result = deliver("aws.s3");

    assertThat(result.event().route()).isEqualTo("/unverified/aws.s3");
    assertThat(result.lastResponse().orElseThrow().header("X-Uri")).contains("/unverified/aws.s3");
  }

  @Test
  void aGuardedRouteRefusesAPlatformEventOfAnotherKind() {
    // a route override (or a mistake) sends a CloudEvent to a route guarded for S3 events
    EventPipeline overridden =
        EventPipeline.create(
            Configuration.builder()
                .routes(RouteOverrides.parse("{\"kinds\":{\"cloudevents\":\"/s3-only\"}}"))
                .build(),
            ClassifierRegistry.load(PlatformEventFilterTest.class.getClassLoader()));
    ClassifiedEvent event = overridden.classify(RawEvent.builder(RawEvent.AWS, EVENT).build());

    DispatchResult result = overridden.dispatch(event, app, null, Duration.ofSeconds(10));

    assertThat(result.allHandled()).isFalse();
    AppResponse res = result.lastResponse().orElseThrow();
    assertThat(res.status()).isEqualTo(403);
    assertThat(res.bodyText()).isEqualTo(PlatformEventFilter.KIND_REFUSAL);
    assertThat(res.header("X-Uri")).isEmpty();
  }

  @Test
  void kindsCanBeGivenAsAnInitParameter() {
    EventPipeline overridden =
        EventPipeline.create(
            Configuration.builder()
                .routes(RouteOverrides.parse("{\"kinds\":{\"cloudevents\":\"/by-name\"}}"))
                .build(),
            ClassifierRegistry.load(PlatformEventFilterTest.class.getClassLoader()));
    ClassifiedEvent event = overridden.classify(RawEvent.builder(RawEvent.AWS, EVENT).build());
    assertThat(overridden.dispatch(event, app, null, Duration.ofSeconds(10)).allHandled()).isTrue();

    AppResponse otherKind =
        app.call(
            AppRequest.builder("POST", "/by-name")
                .attribute(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE)
                .attribute(RequestAttributes.KIND, "azure.eventgrid")
                .build());
    assertThat(otherKind.status()).isEqualTo(403);
    assertThat(otherKind.bodyText()).isEqualTo(PlatformEventFilter.KIND_REFUSAL);
  }

  @Test
  void aPlatformEventWithoutAKindIsRefusedByAGuardedRoute() {
    AppResponse res =
        app.call(
            AppRequest.builder("POST", "/orders")
                .attribute(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE)
                .build());
    assertThat(res.status()).isEqualTo(403);
  }

  @Test
  void kindsMustBeNamed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlatformEventFilter.forKinds())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no event kind");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PlatformEventFilter.forKinds("aws.s3", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThat(PlatformEventFilter.forKinds("aws.s3").kinds()).containsExactly("aws.s3");
    assertThat(new PlatformEventFilter().kinds()).isEmpty();
  }

  @Test
  void aPlainRequestToTheEventRouteIsRefusedWithTheRule() {
    AppResponse res =
        app.call(
            AppRequest.builder("POST", "/aws.s3")
                .header("Content-Type", "application/json")
                .body(EVENT)
                .build());

    assertThat(res.status()).isEqualTo(403);
    assertThat(res.contentType())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(res.bodyText()).isEqualTo(PlatformEventFilter.REFUSAL).contains("platformEvent");
    assertThat(res.header("X-Uri")).isEmpty();
  }

  @Test
  void anHttpProxyRequestFromThePipelineIsRefused() {
    // what API Gateway / function URLs / the HTTP pass-through become: an HTTP record
    AppRequest proxied = AppRequest.builder("POST", "/aws.s3").body(EVENT).build();
    ClassifiedEvent http =
        new ClassifiedEvent(
            RawEvent.HTTP,
            "http",
            io.github.cloudeventshandler.core.classifier.Delivery.ALL_OR_NOTHING,
            io.github.cloudeventshandler.core.classifier.StandardReply.HTTP,
            java.util.List.of(
                io.github.cloudeventshandler.core.classifier.EventRecord.http(
                    "/aws.s3", null, proxied)),
            new io.github.cloudeventshandler.core.classifier.Payload("application/json", EVENT));

    DispatchResult result = pipeline.dispatch(http, app, null, Duration.ofSeconds(10));

    assertThat(result.allHandled()).isFalse();
    assertThat(result.lastResponse().orElseThrow().status()).isEqualTo(403);
  }

  @Test
  void onlyBooleanTrueCountsAndOtherRoutesAreOpen() {
    AppResponse text =
        app.call(
            AppRequest.builder("POST", "/aws.s3")
                .attribute(RequestAttributes.PLATFORM_EVENT, "true")
                .build());
    assertThat(text.status()).isEqualTo(403);

    AppResponse other = app.call(AppRequest.builder("GET", "/books").build());
    assertThat(other.status()).isEqualTo(200);
  }

  @Test
  void aHeaderNamedLikeTheAttributeDoesNotOpenTheRoute() {
    AppResponse res =
        app.call(
            AppRequest.builder("POST", "/aws.s3")
                .headers(Headers.builder().add(RequestAttributes.PLATFORM_EVENT, "true").build())
                .build());
    assertThat(res.status()).isEqualTo(403);
  }
}
