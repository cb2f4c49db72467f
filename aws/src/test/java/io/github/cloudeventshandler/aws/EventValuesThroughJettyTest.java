package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.RecordingServlet;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, classes 3 and 5, through {@link LambdaHandler} into a real servlet on the real bridge:
 * every route and header built from an event value is one Jetty accepts (the servlet sees the
 * request), or the event is refused with a {@link BadEventException} (an HTTP request: the client
 * gets the problem's 4xx) that says why and nothing reaches the app; routes in the service
 * namespaces belong to verified origins only.
 *
 * <p>Where the examples come from: the issue's own; the CloudEvents spec ({@code source} is any
 * URI-reference, attributes have no size limit, any number of extensions); EventBridge's PutEvents
 * reference ({@code Source} up to 256 characters, {@code /} allowed, {@code aws.} reserved for AWS;
 * entries up to 256 KB); API Gateway and ALB event references ({@code requestContext.domainName},
 * the {@code host} header as the client sent it); RFC 3986 §3.2.2 (host syntax) and §5.2.4 (dot
 * segments); RFC 5890 (internationalised host names).
 */
class EventValuesThroughJettyTest {
  private static ServletApplication app;
  private static LambdaHandler handler;

  @BeforeAll
  static void start() {
    Configuration configuration = Configuration.builder().build();
    app = ServletApplication.start(RecordingServlet.class, configuration);
    handler = new LambdaHandler(configuration, app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    RecordingServlet.reset(List.of(200));
  }

  private static Object invoke(String event) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Throwable t =
        catchThrowable(
            () ->
                handler.handleRequest(
                    new java.io.ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    out,
                    Lambda.context()));
    return t != null ? t : out.toString(StandardCharsets.UTF_8);
  }

  private static RecordingServlet.Seen delivered(String event) {
    Object result = invoke(event);
    assertThat(result).as("the event is delivered, not refused").isInstanceOf(String.class);
    assertThat(RecordingServlet.seen()).as("one request reached the servlet").hasSize(1);
    return RecordingServlet.seen().get(0);
  }

  /**
   * An HTTP proxy request no server would accept: the client gets the problem's status (not a
   * Lambda error the platform turns into a 502), nothing reaches the servlet, and the reason the
   * pipeline records (and the log line shows) says why.
   */
  private static String refusedRequest(String event, Problem problem, String why) {
    Object result = invoke(event);
    assertThat(result).as("answered as the client's bad request").isInstanceOf(String.class);
    JsonObject reply = JsonParser.parseString((String) result).getAsJsonObject();
    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(problem.httpStatus());
    assertThat(reply.get("body").getAsString()).contains(problem.anchor());
    assertThat(RecordingServlet.seen()).as("nothing reached the servlet").isEmpty();
    var pipeline = handler.pipeline();
    String reason =
        pipeline
            .dispatch(
                pipeline.classify(
                    RawEvent.builder(RawEvent.AWS, event.getBytes(StandardCharsets.UTF_8)).build()),
                app,
                null,
                java.time.Duration.ofSeconds(10))
            .firstFailureReason()
            .orElseThrow();
    assertThat(reason).contains(why);
    return reason;
  }

  /** An event the pipeline cannot turn into a request: refused as a whole, saying why. */
  private static BadEventException refused(String event, Problem problem, String why) {
    Object result = invoke(event);
    assertThat(result).isInstanceOf(BadEventException.class);
    BadEventException e = (BadEventException) result;
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.getMessage()).contains(why);
    assertThat(RecordingServlet.seen()).as("nothing reached the servlet").isEmpty();
    return e;
  }

  private static String cloudEvent(String source, String id, String type) {
    JsonObject o = new JsonObject();
    o.addProperty("specversion", "1.0");
    o.addProperty("id", id);
    o.addProperty("source", source);
    o.addProperty("type", type);
    o.add("data", new JsonObject());
    return o.toString();
  }

  private static String eventBridge(String source) {
    JsonObject o = new JsonObject();
    o.addProperty("version", "0");
    o.addProperty("id", "eb-1");
    o.addProperty("detail-type", "Order Placed");
    o.addProperty("source", source);
    o.addProperty("account", "123456789012");
    o.addProperty("time", "2024-01-01T00:00:00Z");
    o.addProperty("region", "us-east-1");
    o.add("resources", new JsonArray());
    o.add("detail", new JsonObject());
    return o.toString();
  }

  private static String iot(String eventName) {
    return "{\"event\":{\"eventName\":\""
        + eventName
        + "\",\"eventTime\":1700000000000,\"payload\":{\"actionExecutionId\":\"x-1\"}}}";
  }

  // ---- class 3: routes Jetty accepts ----

  @ParameterizedTest(name = "[{index}] CloudEvent source {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the example: escapes in a URI source are decoded once, encoded once
        "https://example.com/caf%C3%A9 | /example.com/caf%C3%A9 | /example.com/caf\u00e9",
        "https://example.com/caf\u00e9 | /example.com/caf%C3%A9 | /example.com/caf\u00e9",
        // more members: what Jetty refuses even encoded becomes '_', ';' is encoded
        "https://example.com/a%2Fb | /example.com/a_b | /example.com/a_b",
        "https://example.com/100%25 | /example.com/100_ | /example.com/100_",
        "https://example.com/a%5Cb | /example.com/a_b | /example.com/a_b",
        "https://example.com/%2e%2e/admin | /example.com/__/admin | /example.com/__/admin",
        "https://example.com/x;v=1 | /example.com/x%3Bv=1 | /example.com/x;v=1",
        "https://example.com/a//b/ | /example.com/a/b | /example.com/a/b",
        "https://example.com/%E2%82 | /example.com/%EF%BF%BD | /example.com/\ufffd",
        "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66 | /urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"
            + " | /urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"
      })
  void cloudEventSourcesBecomeRoutesJettyAccepts(String source, String path, String servletPath) {
    RecordingServlet.Seen seen = delivered(cloudEvent(source, "ce-1", "com.example.t"));
    assertThat(seen.request().path()).isEqualTo(path);
    assertThat(seen.servletPath()).isEqualTo(servletPath);
    assertThat(seen.cloudEvent().getSource().toString()).isEqualTo(source);
  }

  @ParameterizedTest(name = "[{index}] EventBridge source {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the example: the name is not a URI, its '%' is a character no path can carry
        "com.example%25orders | /com.example_25orders",
        "a%25b | /a_25b",
        // more members: '/' is allowed in sources and splits the route; dot segments stay put
        "com.example/orders | /com.example/orders",
        "com.example/../admin | /com.example/__/admin",
        "com.example.x;y | /com.example.x%3By"
      })
  void eventBridgeSourcesBecomeRoutesJettyAccepts(String source, String path) {
    RecordingServlet.Seen seen = delivered(eventBridge(source));
    assertThat(seen.request().path()).isEqualTo(path);
    assertThat(seen.request().header("ce-source")).isPresent();
  }

  @Test
  void iotEventNamesBecomeRoutesJettyAccepts() {
    assertThat(delivered(iot("x%2Fy")).request().path()).isEqualTo("/x_2Fy");
    reset();
    assertThat(delivered(iot("over heat/..")).request().path()).isEqualTo("/over%20heat/__");
  }

  // ---- class 3: headers Jetty accepts, truncation documented ----

  @Test
  void aSeventyKilobyteIdIsTruncatedInItsHeaderAndWholeInTheAttribute() {
    String id = "i".repeat(70 * 1024);
    RecordingServlet.Seen seen = delivered(cloudEvent("/orders", id, "com.example.t"));
    String header = seen.request().header("ce-id").orElseThrow();
    assertThat(header).hasSize(CloudEventHeaders.MAX_VALUE).matches("i+~[0-9a-f]{16}");
    assertThat(seen.request().header(CloudEventHeaders.TRUNCATED)).contains("ce-id");
    assertThat(seen.cloudEvent().getId()).isEqualTo(id);
    // a different long id keeps a different header, so idempotency keys stay apart
    reset();
    String other = "i".repeat(70 * 1024 - 1) + "j";
    assertThat(delivered(cloudEvent("/orders", other, "com.example.t")).request().header("ce-id"))
        .isNotEqualTo(seen.request().header("ce-id"));
  }

  @Test
  void longSourcesSubjectsAndManyExtensionsStayWithinTheHeaderBudget() {
    JsonObject o = new JsonObject();
    o.addProperty("specversion", "1.0");
    o.addProperty("id", "e-1");
    o.addProperty("source", "https://example.com/" + "s".repeat(70_000));
    o.addProperty("type", "t".repeat(70_000));
    o.addProperty("subject", "\u20ac".repeat(30_000)); // 9 bytes per character once encoded
    for (int i = 0; i < 200; i++) {
      o.addProperty("ext" + i, "v".repeat(1000));
    }
    RecordingServlet.Seen seen = delivered(o.toString());
    assertThat(seen.request().path().length()).isLessThanOrEqualTo(1024);
    String subject = seen.request().header("ce-subject").orElseThrow();
    assertThat(subject.length()).isLessThanOrEqualTo(CloudEventHeaders.MAX_VALUE);
    assertThat(subject).matches("(%E2%82%AC)+~[0-9a-f]{16}");
    String truncated = seen.request().header(CloudEventHeaders.TRUNCATED).orElseThrow();
    assertThat(truncated).startsWith("ce-source,ce-type,ce-subject,ce-ext");
    long extensionHeaders =
        seen.request().headers().fields().stream()
            .filter(f -> f.getKey().toLowerCase().startsWith("ce-ext"))
            .count();
    assertThat(extensionHeaders).isBetween(1L, 199L);
    int ceBytes =
        seen.request().headers().fields().stream()
            .filter(f -> f.getKey().toLowerCase().startsWith("ce-"))
            .mapToInt(f -> f.getKey().length() + f.getValue().length() + 4)
            .sum();
    assertThat(ceBytes).isLessThanOrEqualTo(CloudEventHeaders.MAX_TOTAL);
    assertThat(seen.cloudEvent().getExtensionNames()).hasSize(200);
  }

  @Test
  void aDataContentTypeNoHeaderCanCarryIsRefusedSayingWhy() {
    String event =
        "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/o\",\"type\":\"t\","
            + "\"datacontenttype\":\"text/plain; x="
            + "y".repeat(5000)
            + "\",\"data\":\"hi\"}";
    refused(event, Problem.UNSAFE_HEADER, "a Content-Type header carries at most");
  }

  // ---- class 3: HTTP requests the events carry ----

  @ParameterizedTest(name = "[{index}] Host {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "exa mple.com | the character ' '",
        "a,b.example.com | the character ','",
        "example.com:99999 | out of range",
        "example.com:0 | out of range",
        "example.com: | not a number",
        "user@example.com | the character '@'",
        "[::zz] | not an IPv6 address",
        "[v1.x] | not an IPv6 address",
        "a%zz.example.com | two hex digits"
      })
  void aHostNoRequestCanCarryIsRefusedSayingWhy(String host, String why) {
    JsonObject v2 = Events.apiV2();
    v2.getAsJsonObject("headers").addProperty("host", host);
    String reason = refusedRequest(v2.toString(), Problem.UNSAFE_HEADER, why);
    assertThat(reason).contains("Host").contains("aws.apigateway.http");
  }

  @Test
  void aDomainNameNoHostCanBeIsRefusedNamingTheField() {
    JsonObject v1 = Events.apiV1();
    v1.getAsJsonObject("headers").remove("Host");
    v1.getAsJsonObject("requestContext").addProperty("domainName", "id.execute-api.{{{dns}}}");
    refused(v1.toString(), Problem.UNSAFE_HEADER, "requestContext.domainName");
  }

  @ParameterizedTest(name = "[{index}] Host {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "caf\u00e9.example | xn--caf-dma.example",
        "b\u00fccher.example:8443 | xn--bcher-kva.example:8443",
        "[::1]:3000 | [::1]:3000",
        "[2001:db8::192.0.2.1] | [2001:db8::192.0.2.1]",
        "my_host.example.com | my_host.example.com"
      })
  void aHostIsNormalisedToWhatTheRequestCanCarry(String host, String sent) {
    JsonObject alb = Events.alb(false);
    alb.getAsJsonObject("headers").addProperty("host", host);
    RecordingServlet.Seen seen = delivered(alb.toString());
    assertThat(seen.request().header("Host")).contains(sent);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/files/a%2Fb | %2F",
        "/files/100%25 | %25",
        "/files/a%5Cb | %5C",
        "/files/a%00 | %00",
        "/files/%2e%2e/x | ambiguous dot segment",
        "/files/..;/x | ambiguous dot segment",
        "/files//x | empty segment",
        "/../etc/passwd | climbs above the root",
        "/files/%C0%AF | not UTF-8",
        "/files/%zz | %25"
      })
  void aPathJettyRefusesIsRefusedSayingWhy(String rawPath, String why) {
    JsonObject v2 = Events.apiV2();
    v2.addProperty("rawPath", rawPath);
    refusedRequest(v2.toString(), Problem.UNSAFE_PATH, why);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/a/./b | /a/b",
        "/a/b/../c | /a/c",
        "/a/. | /a/",
        "/a/b/.. | /a/",
        "/caf\u00e9 | /caf%C3%A9",
        "/a[1] | /a%5B1%5D"
      })
  void literalDotSegmentsAreRemovedAndUnsafeCharactersEncoded(String rawPath, String path) {
    JsonObject v2 = Events.apiV2();
    v2.addProperty("rawPath", rawPath);
    assertThat(delivered(v2.toString()).request().path()).isEqualTo(path);
  }

  @Test
  void headerValuesBeyondLatin1GoAsTheirUtf8Bytes() {
    JsonObject v2 = Events.apiV2();
    v2.getAsJsonObject("headers").addProperty("x-name", "\u65e5\u672c");
    RecordingServlet.Seen seen = delivered(v2.toString());
    byte[] utf8 = "\u65e5\u672c".getBytes(StandardCharsets.UTF_8);
    assertThat(seen.request().header("x-name").orElseThrow())
        .isEqualTo(new String(utf8, StandardCharsets.ISO_8859_1));
  }

  @Test
  void headersLargerThanTheBridgeAcceptsAreRefusedWith431() {
    JsonObject v2 = Events.apiV2();
    for (int i = 0; i < 60; i++) {
      v2.getAsJsonObject("headers").addProperty("x-big-" + i, "b".repeat(1024));
    }
    refusedRequest(v2.toString(), Problem.HEADERS_TOO_LARGE, "bytes");
  }

  // ---- class 5: reserved namespaces ----

  @ParameterizedTest(name = "[{index}] CloudEvent source {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the examples
        "aws.s3 | /unverified/aws.s3",
        "//aws.s3 | /unverified/aws.s3",
        "https://aws.s3 | /unverified/aws.s3",
        "aws.s3;x | /unverified/aws.s3%3Bx",
        "google.cloud.storage | /unverified/google.cloud.storage",
        // more members: case, escapes, ports, other namespaces
        "AWS.S3 | /unverified/AWS.S3",
        "aws%2Es3 | /unverified/aws.s3",
        "https://aws.sqs:443/queue | /unverified/aws.sqs:443/queue",
        "microsoft.storage | /unverified/microsoft.storage",
        "azure.servicebus | /unverified/azure.servicebus",
        // the seed's rule stays for everything else
        "/myContext | /myContext"
      })
  void aCloudEventNeverLandsInAServiceNamespace(String source, String path) {
    RecordingServlet.Seen seen = delivered(cloudEvent(source, "ce-1", "com.example.finalized"));
    assertThat(seen.request().path()).isEqualTo(path);
    assertThat(seen.kind()).isEqualTo("cloudevents");
  }

  @ParameterizedTest(name = "[{index}] EventBridge source {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "aws.ec2 | /aws.ec2",
        "aws.s3;x | /aws.s3%3Bx",
        "google.cloud.storage | /unverified/google.cloud.storage",
        "AWS.S3 | /unverified/AWS.S3",
        "microsoft.storage | /unverified/microsoft.storage"
      })
  void onlyAwsKeepsTheAwsNamespaceOnEventBridge(String source, String path) {
    RecordingServlet.Seen seen = delivered(eventBridge(source));
    assertThat(seen.request().path()).isEqualTo(path);
    // the servlet's decoded path is never the bare service route for a ';' trick
    assertThat(seen.servletPath()).isNotEqualTo("/aws.s3");
  }

  @Test
  void anIotEventNamedLikeAServiceIsNotThatService() {
    assertThat(delivered(iot("aws.s3")).request().path()).isEqualTo("/unverified/aws.s3");
  }

  @Test
  void aRealS3NotificationKeepsItsRoute() {
    RecordingServlet.Seen seen = delivered(Events.s3("books/a.pdf"));
    assertThat(seen.request().path()).isEqualTo("/aws.s3");
    assertThat(seen.kind()).isEqualTo("aws.s3");
  }
}
