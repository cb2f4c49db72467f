package io.github.cloudeventshandler.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.testing.CloudStorageEvents;
import io.github.cloudeventshandler.testing.EventGridEvents;
import io.github.cloudeventshandler.testing.LocalCloud;
import io.github.cloudeventshandler.testing.PlatformReply;
import io.github.cloudeventshandler.testing.PubSubEvents;
import io.github.cloudeventshandler.testing.S3Events;
import io.github.cloudeventshandler.testing.ServiceBusEvents;
import io.github.cloudeventshandler.testing.SqsEvents;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import io.github.cloudeventshandler.testing.platform.LocalLambdaContext;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trace a producer started continues in the app: events go through each cloud's real entry
 * point (the test kit's {@link LocalCloud}) into an app whose filter starts its server span from
 * the W3C headers with OpenTelemetry's propagator, and that span's trace id and parent span id are
 * the producer's.
 */
class TraceContinuationTest {
  @RegisterExtension static final LocalCloud cloud = LocalCloud.of(TracedApp.class);

  /** One producer span: its trace id, its span id, and the header forms that name it. */
  private record Producer(String traceId, String spanId) {
    static Producer random() {
      String hex = UUID.randomUUID().toString().replace("-", "");
      String span = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      return new Producer(hex, span);
    }

    String traceparent() {
      return "00-" + traceId + "-" + spanId + "-01";
    }

    String xray() {
      return "Root=1-"
          + traceId.substring(0, 8)
          + "-"
          + traceId.substring(8)
          + ";Parent="
          + spanId
          + ";Sampled=1";
    }
  }

  @BeforeEach
  void forgetSpans() {
    TracedApp.SPANS.reset();
  }

  /** The app's server span for the event with this CloudEvent id. */
  private static SpanData serverSpan(String ceId) {
    List<SpanData> spans =
        TracedApp.SPANS.getFinishedSpanItems().stream()
            .filter(
                s ->
                    ceId.equals(
                        s.getAttributes()
                            .get(io.opentelemetry.api.common.AttributeKey.stringKey("ce.id"))))
            .toList();
    assertThat(spans).as("server spans of event %s", ceId).hasSize(1);
    assertThat(spans.get(0).getKind()).isEqualTo(SpanKind.SERVER);
    return spans.get(0);
  }

  private static void assertContinues(SpanData span, Producer producer) {
    SpanContext parent = span.getParentSpanContext();
    assertThat(parent.isValid()).as("the server span has a parent").isTrue();
    assertThat(parent.isRemote()).isTrue();
    assertThat(span.getTraceId()).isEqualTo(producer.traceId());
    assertThat(parent.getTraceId()).isEqualTo(producer.traceId());
    assertThat(parent.getSpanId()).isEqualTo(producer.spanId());
    assertThat(parent.isSampled()).isTrue();
  }

  private static LocalLambdaContext lambdaContext(String xray) {
    return LocalLambdaContext.builder().xrayTraceId(xray).timeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void s3ContinuesTheInvocationsXrayTrace() {
    Producer invocation = Producer.random();
    S3Events.S3Event upload = S3Events.put("books", "dune.pdf");
    PlatformReply reply = cloud.lambda().send(upload.toBytes(), lambdaContext(invocation.xray()));
    assertThat(reply).succeeded();
    assertContinues(serverSpan(upload.cloudEventId()), invocation);
    // the X-Ray header itself still reaches the app as it did
    assertThat(reply.requests().get(0).header("x-amzn-trace-id")).contains(invocation.xray());
  }

  @Test
  void anXrayHeaderWithoutParentStartsANewTrace() {
    Producer invocation = Producer.random();
    String rootOnly = invocation.xray().replaceAll(";Parent=[0-9a-f]+", "");
    S3Events.S3Event upload = S3Events.put("books", "emma.pdf");
    assertThat(cloud.lambda().send(upload.toBytes(), lambdaContext(rootOnly))).succeeded();
    SpanData span = serverSpan(upload.cloudEventId());
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getTraceId()).isNotEqualTo(invocation.traceId());
  }

  @Test
  void eachSqsRecordContinuesItsOwnMessagesTraceElseTheInvocations() {
    Producer first = Producer.random();
    Producer second = Producer.random();
    Producer invocation = Producer.random();
    SqsEvents.SqsMessage a = SqsEvents.message("a").attribute("AWSTraceHeader", first.xray());
    SqsEvents.SqsMessage b = SqsEvents.message("b").attribute("AWSTraceHeader", second.xray());
    SqsEvents.SqsMessage c = SqsEvents.message("c");
    SqsEvents.SqsMessage broken =
        SqsEvents.message("d").attribute("AWSTraceHeader", "Root=1-nothex;Parent=x;Sampled=1");
    PlatformReply reply =
        cloud
            .lambda()
            .send(SqsEvents.batch(a, b, c, broken).toBytes(), lambdaContext(invocation.xray()));
    assertThat(reply).succeeded();
    assertContinues(serverSpan(a.messageId()), first);
    assertContinues(serverSpan(b.messageId()), second);
    assertContinues(serverSpan(c.messageId()), invocation);
    assertContinues(serverSpan(broken.messageId()), invocation);
  }

  @Test
  void pubSubPushContinuesThePublishersTrace() {
    Producer publisher = Producer.random();
    PubSubEvents.PubSubPush push =
        PubSubEvents.push("hello").attribute("googclient_traceparent", publisher.traceparent());
    assertThat(cloud.gcp().send(push)).succeeded();
    assertContinues(serverSpan(push.messageId()), publisher);
  }

  @Test
  void anEventarcCloudEventContinuesItsDistributedTracingExtension() {
    Producer producer = Producer.random();
    CloudEvent finalized =
        CloudEventBuilder.v1(CloudStorageEvents.finalized("books", "dune.pdf").toCloudEvent())
            .withExtension("traceparent", producer.traceparent())
            .withExtension("tracestate", "vendor=value")
            .build();
    assertThat(cloud.gcp().send(finalized)).succeeded();
    assertContinues(serverSpan(finalized.getId()), producer);
  }

  @Test
  void anEventarcPubSubMessageContinuesThePublishersTrace() {
    Producer publisher = Producer.random();
    String id = String.valueOf(System.nanoTime());
    String data =
        "{\"message\":{\"data\":\"aGk=\",\"messageId\":\""
            + id
            + "\",\"publishTime\":\"2026-01-02T03:04:05Z\",\"attributes\":"
            + "{\"googclient_traceparent\":\""
            + publisher.traceparent()
            + "\"}},\"subscription\":\"projects/p/subscriptions/s\"}";
    CloudEvent published =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(URI.create("//pubsub.googleapis.com/projects/p/topics/t"))
            .withType("google.cloud.pubsub.topic.v1.messagePublished")
            .withDataContentType("application/json")
            .withData(data.getBytes(StandardCharsets.UTF_8))
            .build();
    assertThat(cloud.gcp().send(published)).succeeded();
    assertContinues(serverSpan(id), publisher);
  }

  @Test
  void aLegacyPubSubEventContinuesThePublishersTrace() {
    Producer publisher = Producer.random();
    String id = "legacy-" + System.nanoTime();
    String legacy =
        "{\"context\":{\"eventId\":\""
            + id
            + "\",\"timestamp\":\"2026-01-02T03:04:05.123Z\","
            + "\"eventType\":\"google.pubsub.topic.publish\",\"resource\":{\"service\":"
            + "\"pubsub.googleapis.com\",\"name\":\"projects/p/topics/t\",\"type\":"
            + "\"type.googleapis.com/google.pubsub.v1.PubsubMessage\"}},"
            + "\"data\":{\"@type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\","
            + "\"data\":\"aGk=\",\"attributes\":{\"googclient_traceparent\":\""
            + publisher.traceparent()
            + "\"}}}";
    assertThat(cloud.gcp().sendLegacy(legacy.getBytes(StandardCharsets.UTF_8))).succeeded();
    assertContinues(serverSpan(id), publisher);
  }

  @Test
  void anEventGridCloudEventContinuesItsDistributedTracingExtension() {
    Producer producer = Producer.random();
    EventGridEvents.EventGridEvent created =
        EventGridEvents.blobCreated("account", "books", "dune.pdf")
            .cloudEventSchema()
            .extension("traceparent", producer.traceparent());
    assertThat(cloud.azure().send(created)).succeeded();
    assertContinues(serverSpan(created.id()), producer);
  }

  @Test
  void aServiceBusMessageContinuesItsSendersTraceElseTheInvocations() {
    Producer sender = Producer.random();
    ServiceBusEvents.ServiceBusMessage traced =
        ServiceBusEvents.message("{\"order\":7}")
            .applicationProperty("Diagnostic-Id", sender.traceparent());
    assertThat(cloud.azure().send(traced)).succeeded();
    assertContinues(serverSpan(traced.messageId()), sender);

    Producer invocation = Producer.random();
    String id = "sb-" + System.nanoTime();
    LocalAzureContext context =
        LocalAzureContext.create("orders").withTraceContext(invocation.traceparent(), null);
    PlatformReply reply =
        cloud
            .azure()
            .invoke(
                context,
                ctx ->
                    cloud
                        .azure()
                        .handler()
                        .serviceBus("{\"order\":8}", id, 1, Instant.now().toString(), ctx));
    assertThat(reply).succeeded();
    assertContinues(serverSpan(id), invocation);
  }
}
