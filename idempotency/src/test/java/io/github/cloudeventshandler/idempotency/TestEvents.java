package io.github.cloudeventshandler.idempotency;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Requests as the bridge builds them for a platform event, and a clock the tests move. */
final class TestEvents {
  static final String ROUTE = "/events/orders";
  static final String SOURCE = "arn:aws:sqs:eu-west-1:123456789012:orders";

  private TestEvents() {}

  /** {@link EventApp} on the real bridge. */
  static ServletApplication startApp() {
    return ServletApplication.builder()
        .application(EventApp.class)
        .configuration(Configuration.builder().build())
        .start();
  }

  /**
   * The request of one delivery of event {@code event} (CloudEvent id {@code ce-<event>}): {@code
   * ce-*} headers, the CloudEvent and platform-event attributes, {@code X-Event} for the app's
   * counters.
   */
  static AppRequest.Builder delivery(String event) {
    return delivery(event, "ce-" + event);
  }

  /** A delivery whose CloudEvent id is {@code id}. */
  static AppRequest.Builder delivery(String event, String id) {
    CloudEvent ce =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(URI.create(SOURCE))
            .withType("com.example.order.created")
            .build();
    return AppRequest.builder("POST", ROUTE)
        .header("ce-specversion", "1.0")
        .header("ce-id", id)
        .header("ce-source", SOURCE)
        .header("ce-type", "com.example.order.created")
        .header("Content-Type", "application/json")
        .header("X-Event", event)
        .body(("{\"order\":{\"number\":\"" + event + "\"}}").getBytes(StandardCharsets.UTF_8))
        .attribute(RequestAttributes.CLOUD_EVENT, ce)
        .attribute(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE)
        .timeout(Duration.ofSeconds(20));
  }

  /** A clock that stands still until moved. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
