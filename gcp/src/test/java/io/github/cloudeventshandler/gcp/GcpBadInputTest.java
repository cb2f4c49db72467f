package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.testing.platform.LocalGcpContext;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.net.URI;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken GCP input, one row each: the exact error (exception type and problem, or HTTP status) and
 * a message naming the field, and the application is never called. Pub/Sub push token rows live in
 * the push authentication tests.
 */
class GcpBadInputTest {
  private static final Configuration CONFIG =
      Configuration.builder().setting("CEH_PUBSUB_AUTH", "off").build();
  private static final String STORAGE_DATA = "{\"bucket\":\"bkt\",\"name\":\"f.txt\"}";

  /** What a row runs against an application; returns the thrown exception or the HTTP response. */
  @FunctionalInterface
  interface Input extends Function<Application, Object> {}

  record Expect(Class<? extends Throwable> type, Problem problem, int status, String fragment) {}

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "unknown legacy eventType",
            background("{}", ctx("e1", "google.storage.object.explode", "projects/_/buckets/bkt")),
            error(UnrecognizedEventException.class, null, "google.storage.object.explode")),
        row(
            "legacy event without eventId",
            background(
                STORAGE_DATA,
                ctx(null, "google.storage.object.finalize", "projects/_/buckets/bkt/objects/f")),
            error(BadEventException.class, Problem.MISSING_FIELD, "eventId")),
        row(
            "legacy event without context",
            app -> thrown(() -> new BackgroundEntryPoint(CONFIG, app).accept(STORAGE_DATA, null)),
            error(BadEventException.class, Problem.MISSING_FIELD, "context")),
        row(
            "legacy body that is not JSON",
            background(
                "bucket=b&name=f",
                ctx("e2", "google.storage.object.finalize", "projects/_/buckets/bkt/objects/f")),
            error(BadEventException.class, Problem.MALFORMED_JSON, "e2")),
        row(
            "legacy body nested too deep",
            background(
                "[".repeat(100) + "]".repeat(100),
                ctx("e3", "google.storage.object.finalize", "projects/_/buckets/bkt/objects/f")),
            error(BadEventException.class, Problem.TOO_DEEP, "e3")),
        row(
            "legacy timestamp that is not RFC 3339",
            app ->
                thrown(
                    () ->
                        new BackgroundEntryPoint(CONFIG, app)
                            .accept(
                                STORAGE_DATA,
                                new LocalGcpContext(
                                    "e6",
                                    "yesterday",
                                    "google.storage.object.finalize",
                                    "projects/_/buckets/bkt/objects/f",
                                    null))),
            error(BadEventException.class, Problem.INVALID_FIELD, "timestamp 'yesterday'")),
        row(
            "legacy resource object without name",
            background(
                STORAGE_DATA,
                ctx(
                    "e7",
                    "google.storage.object.finalize",
                    "{\"service\":\"storage.googleapis.com\"}")),
            error(BadEventException.class, Problem.MISSING_FIELD, "resource.name")),
        row(
            "legacy Pub/Sub data that is not a message object",
            background(
                "\"hello\"", ctx("e8", "google.pubsub.topic.publish", "projects/p/topics/t")),
            error(BadEventException.class, Problem.INVALID_FIELD, "PubsubMessage")),
        row(
            "push body without message",
            http(
                LocalGcpHttpRequest.post(
                        "/", "{\"subscription\":\"projects/p/subscriptions/s\"}".getBytes(UTF_8))
                    .header("Content-Type", "application/json")),
            status(400, "message is missing")),
        row(
            "push with data that is not base64",
            http(
                LocalGcpHttpRequest.post(
                        "/",
                        ("{\"subscription\":\"projects/p/subscriptions/s\",\"message\":"
                                + "{\"messageId\":\"m1\",\"data\":\"not base64!\"}}")
                            .getBytes(UTF_8))
                    .header("Content-Type", "application/json")),
            status(400, "field message.data is not valid base64")),
        row(
            "push message without messageId",
            http(
                LocalGcpHttpRequest.post(
                        "/",
                        "{\"subscription\":\"projects/p/subscriptions/s\",\"message\":{\"data\":\"\"}}"
                            .getBytes(UTF_8))
                    .header("Content-Type", "application/json")),
            status(400, "messageId")),
        row(
            "unwrapped push without the subscription header",
            http(
                LocalGcpHttpRequest.post("/", "hi".getBytes(UTF_8))
                    .header("x-goog-pubsub-message-id", "m2")),
            status(400, "x-goog-pubsub-subscription-name")),
        row(
            "body over the size limit",
            app -> {
              LocalGcpHttpResponse r = new LocalGcpHttpResponse();
              Configuration small =
                  Configuration.builder()
                      .limits(new io.github.cloudeventshandler.core.spi.JsonLimits(64, 16))
                      .build();
              try {
                new HttpEntryPoint(small, app)
                    .service(
                        LocalGcpHttpRequest.post("/", new byte[65])
                            .header("Content-Type", "application/json"),
                        r);
              } catch (Exception e) {
                return e;
              }
              return r;
            },
            status(413, "over the limit of 64 bytes")),
        row(
            "binary CloudEvent with a ce-datacontenttype header",
            http(
                binary("google.cloud.storage.object.v1.finalized")
                    .header("ce-subject", "objects/f")
                    .header("ce-datacontenttype", "application/json")),
            status(400, "ce-datacontenttype")),
        row(
            "binary CloudEvent without ce-id",
            http(
                LocalGcpHttpRequest.post("/", STORAGE_DATA.getBytes(UTF_8))
                    .header("ce-specversion", "1.0")
                    .header("ce-source", "//storage.googleapis.com/projects/_/buckets/bkt")
                    .header("ce-type", "google.cloud.storage.object.v1.finalized")
                    .header("Content-Type", "application/json")),
            status(400, "ce-id is missing")),
        row(
            "binary CloudEvent whose subject is not UTF-8 after percent-decoding",
            http(
                binary("google.cloud.storage.object.v1.finalized")
                    .header("ce-subject", "objects/%C0%A0")),
            status(400, "valid UTF-8")),
        row(
            "structured CloudEvent with both data and data_base64",
            http(
                LocalGcpHttpRequest.post(
                        "/",
                        ("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"//x\",\"type\":"
                                + "\"google.cloud.audit.log.v1.written\",\"data\":{},\"data_base64\":\"AA==\"}")
                            .getBytes(UTF_8))
                    .header("Content-Type", "application/cloudevents+json")),
            status(400, "both data and data_base64")),
        row(
            "push message that is not an object",
            http(push("{\"subscription\":\"projects/p/subscriptions/s\",\"message\":\"hi\"}")),
            status(400, "field message must be an object but is a string")),
        row(
            "push messageId that is a number (the schema says string)",
            http(
                push(
                    "{\"subscription\":\"projects/p/subscriptions/s\",\"message\":{\"messageId\":7}}")),
            status(400, "field message.messageId must be a string but is a number")),
        row(
            "push attributes that are an array",
            http(
                push(
                    "{\"subscription\":\"projects/p/subscriptions/s\",\"message\":"
                        + "{\"messageId\":\"m\",\"attributes\":[]}}")),
            status(400, "field message.attributes must be an object but is an array")),
        row(
            "push attribute whose value is a number (attributes are strings)",
            http(
                push(
                    "{\"subscription\":\"projects/p/subscriptions/s\",\"message\":"
                        + "{\"messageId\":\"m\",\"attributes\":{\"k\":1}}}")),
            status(400, "field message.attributes.k must be a string but is a number")),
        row(
            "push data that is an object",
            http(
                push(
                    "{\"subscription\":\"projects/p/subscriptions/s\",\"message\":"
                        + "{\"messageId\":\"m\",\"data\":{}}}")),
            status(400, "field message.data must be a string but is an object")),
        row(
            "Pub/Sub CloudEvent whose message is an array",
            cloudEvent("google.cloud.pubsub.topic.v1.messagePublished", null, "{\"message\":[]}"),
            error(
                BadEventException.class,
                Problem.INVALID_FIELD,
                "field data.message must be an object but is")),
        row(
            "Scheduler CloudEvent whose customData is an object",
            cloudEvent("google.cloud.scheduler.job.v1.executed", null, "{\"customData\":{}}"),
            error(
                BadEventException.class,
                Problem.INVALID_FIELD,
                "field data.customData must be a string but is")),
        row(
            "legacy resource name that is a number",
            background(
                STORAGE_DATA,
                ctx("e9", "google.storage.object.finalize", "{\"name\":7,\"service\":\"s\"}")),
            error(
                BadEventException.class,
                Problem.INVALID_FIELD,
                "field context.resource.name must be a string but is")),
        row(
            "legacy Firebase Auth uid that is an object",
            background(
                "{\"uid\":{}}",
                ctx("e10", "providers/firebase.auth/eventTypes/user.create", "projects/p")),
            error(
                BadEventException.class,
                Problem.INVALID_FIELD,
                "field data.uid must be a string but is")),
        row(
            "structured CloudEvent spelled specVersion (as some examples do)",
            http(
                structured(
                    "{\"specVersion\":\"1.0\",\"id\":\"1\",\"source\":\"//x\",\"type\":"
                        + "\"google.cloud.audit.log.v1.written\"}")),
            status(400, "there is 'specVersion', but CloudEvents attribute names are lower-case")),
        row(
            "structured CloudEvent with a defined attribute in upper case beside it",
            http(
                structured(
                    "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"//x\",\"type\":"
                        + "\"google.cloud.audit.log.v1.written\",\"Subject\":\"s\"}")),
            status(
                400, "'Subject' is the CloudEvents attribute 'subject' spelled with upper-case")),
        row(
            "structured CloudEvent with one extension in two letter cases",
            http(
                structured(
                    "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"//x\",\"type\":"
                        + "\"google.cloud.audit.log.v1.written\",\"methodName\":\"a\","
                        + "\"methodname\":\"b\"}")),
            status(400, "given twice, in different letter cases")),
        row(
            "binary CloudEvent with a ce-data header (a reserved name)",
            http(binary("google.cloud.storage.object.v1.finalized").header("ce-data", "x")),
            status(400, "reserved")),
        row(
            "binary CloudEvent with two ce-subject headers in different letter case",
            http(
                binary("google.cloud.storage.object.v1.finalized")
                    .header("ce-subject", "objects/a")
                    .header("CE-SUBJECT", "objects/b")),
            status(400, "appears more than once")),
        row(
            "binary CloudEvent with two different Content-Type headers",
            http(
                binary("google.cloud.storage.object.v1.finalized")
                    .header("content-type", "application/cloudevents+json")),
            status(400, "different Content-Type headers")),
        row(
            "unwrapped push with two publish-time headers",
            http(
                unwrapped()
                    .header("x-goog-pubsub-publish-time", "2021-02-05T04:06:14.109Z")
                    .header("X-Goog-PubSub-Publish-Time", "2030-01-01T00:00:00Z")),
            status(400, "x-goog-pubsub-publish-time appears more than once")),
        row(
            "unwrapped push with attribute headers that differ only in case",
            http(unwrapped().header("colour", "red").header("Colour", "blue")),
            status(400, "attribute header 'colour' appears more than once")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void badInputIsRejectedWithoutCallingTheApplication(String name, Input input, Expect expect) {
    RecordingApplication app = RecordingApplication.answering(200);
    Object outcome = input.apply(app);
    if (expect.type() != null) {
      assertThat(outcome).as(name).isInstanceOf(expect.type());
      Throwable t = (Throwable) outcome;
      if (expect.problem() != null) {
        assertThat(((BadEventException) t).problem()).as(name).isEqualTo(expect.problem());
      }
      assertThat(t.getMessage()).as(name).contains(expect.fragment()).contains("gcp");
    } else {
      assertThat(outcome).as(name).isInstanceOf(LocalGcpHttpResponse.class);
      LocalGcpHttpResponse r = (LocalGcpHttpResponse) outcome;
      assertThat(r.status()).as(name + ": " + r.bodyText()).isEqualTo(expect.status());
      assertThat(r.bodyText()).as(name).contains(expect.fragment());
    }
    assertThat(app.requests()).as(name + ": the application must not be called").isEmpty();
  }

  private static Arguments row(String name, Input input, Expect expect) {
    return Arguments.of(name, input, expect);
  }

  private static Expect error(Class<? extends Throwable> type, Problem problem, String fragment) {
    return new Expect(type, problem, 0, fragment);
  }

  private static Expect status(int status, String fragment) {
    return new Expect(null, null, status, fragment);
  }

  private static LocalGcpContext ctx(String id, String type, String resource) {
    return new LocalGcpContext(id, "2020-09-29T11:32:00.123Z", type, resource, null);
  }

  private static Input background(String data, LocalGcpContext context) {
    return app -> thrown(() -> new BackgroundEntryPoint(CONFIG, app).accept(data, context));
  }

  private static LocalGcpHttpRequest push(String body) {
    return LocalGcpHttpRequest.post("/", body.getBytes(UTF_8))
        .header("Content-Type", "application/json");
  }

  private static LocalGcpHttpRequest structured(String body) {
    return LocalGcpHttpRequest.post("/", body.getBytes(UTF_8))
        .header("Content-Type", "application/cloudevents+json");
  }

  private static LocalGcpHttpRequest unwrapped() {
    return LocalGcpHttpRequest.post("/", "hi".getBytes(UTF_8))
        .header("x-goog-pubsub-message-id", "m-9")
        .header("x-goog-pubsub-subscription-name", "projects/p/subscriptions/s");
  }

  private static Input cloudEvent(String type, String subject, String data) {
    return app ->
        thrown(
            () ->
                new CloudEventsEntryPoint(CONFIG, app)
                    .accept(
                        CloudEventBuilder.v1()
                            .withId("ce-1")
                            .withSource(URI.create("//example.googleapis.com/projects/p"))
                            .withType(type)
                            .withSubject(subject)
                            .withDataContentType("application/json")
                            .withData(data.getBytes(UTF_8))
                            .build()));
  }

  private static LocalGcpHttpRequest binary(String type) {
    return LocalGcpHttpRequest.post("/", STORAGE_DATA.getBytes(UTF_8))
        .header("ce-specversion", "1.0")
        .header("ce-id", "b-1")
        .header("ce-source", "//storage.googleapis.com/projects/_/buckets/bkt")
        .header("ce-type", type)
        .header("Content-Type", "application/json");
  }

  private static Input http(LocalGcpHttpRequest request) {
    return app -> {
      LocalGcpHttpResponse r = new LocalGcpHttpResponse();
      try {
        new HttpEntryPoint(CONFIG, app).service(request, r);
      } catch (Exception e) {
        return e;
      }
      return r;
    };
  }

  private static Object thrown(Runnable r) {
    try {
      r.run();
      return "returned normally";
    } catch (RuntimeException e) {
      return e;
    }
  }
}
