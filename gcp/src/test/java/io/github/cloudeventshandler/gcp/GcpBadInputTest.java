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
            "storage object name with a .. segment",
            background(
                STORAGE_DATA,
                ctx(
                    "e4",
                    "google.storage.object.finalize",
                    "projects/_/buckets/bkt/objects/a/../../etc/passwd")),
            error(BadEventException.class, Problem.UNSAFE_PATH, "'..' segment")),
        row(
            "storage bucket name with ..",
            background(
                STORAGE_DATA,
                ctx("e5", "google.storage.object.finalize", "projects/_/buckets/a..b/objects/f")),
            error(BadEventException.class, Problem.UNSAFE_PATH, "a..b")),
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
            "CloudEvent of a storage type without subject",
            cloudEvent("google.cloud.storage.object.v1.finalized", null),
            error(BadEventException.class, Problem.MISSING_FIELD, "subject")),
        row(
            "CloudEvent of a Firestore type without subject",
            cloudEvent("google.cloud.firestore.document.v1.written", null),
            error(BadEventException.class, Problem.MISSING_FIELD, "subject")),
        row(
            "CloudEvent of a Realtime Database type with a subject not under refs/",
            cloudEvent("google.firebase.database.ref.v1.written", "documents/x"),
            error(BadEventException.class, Problem.INVALID_FIELD, "refs/")),
        row(
            "Pub/Sub CloudEvent whose data has no message",
            cloudEvent("google.cloud.pubsub.topic.v1.messagePublished", null),
            error(BadEventException.class, Problem.MISSING_FIELD, "message")),
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
            status(400, "message.data is not valid base64")),
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
                      .limits(new io.github.cloudeventshandler.core.JsonLimits(64, 16))
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
            status(400, "both data and data_base64")));
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

  private static Input cloudEvent(String type, String subject) {
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
                            .withData("{}".getBytes(UTF_8))
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
