package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.conformance.RecordingServlet;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.servlet.ServletApplication;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, classes 3 and 5, through {@link CloudEventsEntryPoint} and {@link HttpEntryPoint} into
 * a real servlet on the real bridge: routes built from event values are ones Jetty accepts; an HTTP
 * request Jetty would refuse is answered 400 saying why, without reaching the app; only Google
 * CloudEvents the platform delivers keep the {@code /google.*} routes. Examples: the issue's, the
 * CloudEvents spec ({@code source} is any URI-reference), Google's event type catalogue (the {@code
 * google.*} types), RFC 3986 §5.2.4 (dot segments).
 */
class EventValuesThroughJettyTest {
  private static final Configuration CONFIG = Configuration.builder().build();
  private static ServletApplication app;

  @BeforeAll
  static void start() {
    app = ServletApplication.start(RecordingServlet.class, CONFIG);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    RecordingServlet.reset(List.of(200));
  }

  private static RecordingServlet.Seen accept(CloudEvent event) {
    new CloudEventsEntryPoint(CONFIG, app).accept(event);
    assertThat(RecordingServlet.seen()).hasSize(1);
    return RecordingServlet.seen().get(0);
  }

  private static CloudEvent event(String id, String source, String type) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withSource(URI.create(source))
        .withType(type)
        .withDataContentType("application/json")
        .withData("{}".getBytes(UTF_8))
        .build();
  }

  private static LocalGcpHttpResponse serve(LocalGcpHttpRequest request) throws Exception {
    LocalGcpHttpResponse r = new LocalGcpHttpResponse();
    new HttpEntryPoint(CONFIG, app).service(request, r);
    return r;
  }

  @ParameterizedTest(name = "[{index}] source {0} type {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // issue 10, class 3: escapes in the source are decoded once and encoded once
        "https://example.com/caf%C3%A9 | com.example.t | /example.com/caf%C3%A9",
        "https://example.com/a%2Fb%25 | com.example.t | /example.com/a_b_",
        // issue 10, class 5: a publisher's source never lands in a service namespace
        "google.cloud.storage | com.example.finalized | /unverified/google.cloud.storage",
        "//storage.googleapis.com/projects/_/buckets/b | com.example.finalized"
            + " | /storage.googleapis.com/projects/_/buckets/b",
        "aws.s3 | com.example.t | /unverified/aws.s3",
        "//microsoft.storage | com.example.t | /unverified/microsoft.storage",
        // Google types are routed by type on the platform's own entry point
        "//pubsub.googleapis.com/projects/p/topics/t | google.example%2Fx.thing.v1.done"
            + " | /google.example_2Fx"
      })
  void cloudEventsGetRoutesJettyAcceptsAndOnlyVerifiedOnesAServiceRoute(
      String source, String type, String path) {
    RecordingServlet.Seen seen = accept(event("e-1", source, type));
    assertThat(seen.request().path()).isEqualTo(path);
    assertThat(seen.cloudEvent().getSource().toString()).isEqualTo(source);
  }

  @Test
  void aSeventyKilobyteIdReachesTheAppWhole() {
    String id = "g".repeat(70 * 1024);
    RecordingServlet.Seen seen = accept(event(id, "/orders", "com.example.t"));
    assertThat(seen.request().header("ce-id").orElseThrow())
        .hasSize(CloudEventHeaders.MAX_VALUE)
        .matches("g+~[0-9a-f]{16}");
    assertThat(seen.request().header(CloudEventHeaders.TRUNCATED)).contains("ce-id");
    assertThat(seen.cloudEvent().getId()).isEqualTo(id);
  }

  @ParameterizedTest(name = "[{index}] ce-source {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "//aws.s3 | /unverified/aws.s3",
        "https://aws.s3 | /unverified/aws.s3",
        "aws.s3;x | /unverified/aws.s3%3Bx",
        "google.cloud.pubsub | /unverified/google.cloud.pubsub",
        "/myContext | /myContext"
      })
  void binaryCloudEventsOverHttpNeverTakeAServiceRoute(String source, String path)
      throws Exception {
    LocalGcpHttpRequest request =
        LocalGcpHttpRequest.post("/", "{}".getBytes(UTF_8))
            .header("ce-specversion", "1.0")
            .header("ce-id", "h-1")
            .header("ce-source", source)
            .header("ce-type", "com.amazonaws.s3.ObjectCreated:Put")
            .header("Content-Type", "application/json");
    assertThat(serve(request).status()).isEqualTo(200);
    assertThat(RecordingServlet.seen()).singleElement();
    assertThat(RecordingServlet.seen().get(0).request().path()).isEqualTo(path);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/files/a%2Fb | %2F",
        "/files/100%25 | %25",
        "/files/%2e%2e/x | ambiguous dot segment",
        "/a//b | empty segment",
        "/files/%C0%AF | not UTF-8"
      })
  void anHttpRequestJettyWouldRefuseIsAnswered400SayingWhy(String path, String why)
      throws Exception {
    LocalGcpHttpResponse r = serve(LocalGcpHttpRequest.request("GET", path));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains(why).contains("unsafe-path");
    assertThat(RecordingServlet.seen()).isEmpty();
  }

  @Test
  void literalDotSegmentsOfAnHttpRequestAreRemoved() throws Exception {
    LocalGcpHttpResponse r = serve(LocalGcpHttpRequest.request("GET", "/a/./b/../c").query("q=1"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(RecordingServlet.seen().get(0).request().target()).isEqualTo("/a/c?q=1");
  }
}
