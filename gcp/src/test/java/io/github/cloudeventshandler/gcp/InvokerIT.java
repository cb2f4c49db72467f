package io.github.cloudeventshandler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.gcp.it.ProbeBackgroundFunction;
import io.github.cloudeventshandler.gcp.it.ProbeCloudEventsFunction;
import io.github.cloudeventshandler.gcp.it.ProbeHttpFunction;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the real {@code java-function-invoker} 2.0.0 as a separate process on loopback, once per
 * function signature ({@code cloudevent}, {@code event}, {@code http}), and sends events over HTTP
 * as Cloud Functions would. Each test is bounded (readiness 30 s, requests 15 s, test 60 s) and
 * kills its process in {@code finally} (try-with-resources).
 *
 * <p>Current state: the harness (process, classpath, environment, readiness, teardown) is proven
 * with small probe functions in {@code gcp.it}; the push probe uses the real {@link
 * PushAuthenticator} with a {@code file:} JWKS written here.
 */
class InvokerIT {
  private static final Duration READY = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static Path work;

  @BeforeAll
  static void workDir() throws IOException {
    work = Files.createDirectories(Path.of(System.getProperty(InvokerProcess.WORK_DIR)));
  }

  private static Path recordFile(String name) throws IOException {
    Path f = work.resolve(name + ".record");
    Files.deleteIfExists(f);
    return f;
  }

  private static List<String> recorded(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.timeout(Duration.ofSeconds(15)).build(), BodyHandlers.ofString());
  }

  private static final String STORAGE_DATA =
      "{\"bucket\":\"some-bucket\",\"name\":\"folder/Test.cs\",\"kind\":\"storage#object\","
          + "\"contentType\":\"text/plain\",\"size\":\"352\",\"generation\":\"1587627537231057\"}";

  @Test
  @Timeout(60)
  void cloudEventFunctionReceivesBinaryAndStructuredCloudEvents() throws Exception {
    Path record = recordFile("cloudevent");
    try (InvokerProcess invoker =
        InvokerProcess.start(
            "cloudevent",
            ProbeCloudEventsFunction.class.getName(),
            "cloudevent",
            Map.of("CEH_IT_RECORD", record.toString()),
            READY)) {
      HttpResponse<String> binary =
          send(
              HttpRequest.newBuilder(invoker.uri("/"))
                  .header("ce-specversion", "1.0")
                  .header("ce-id", "binary-1")
                  .header("ce-source", "//storage.googleapis.com/projects/_/buckets/some-bucket")
                  .header("ce-type", "google.cloud.storage.object.v1.finalized")
                  .header("ce-subject", "objects/folder/Test.cs")
                  .header("ce-time", "2020-09-29T11:32:00.123Z")
                  .header("Content-Type", "application/json")
                  .POST(BodyPublishers.ofString(STORAGE_DATA)));
      assertThat(binary.statusCode()).as(invoker.logTail()).isEqualTo(200);

      String structured =
          "{\"specversion\":\"1.0\",\"id\":\"structured-1\","
              + "\"source\":\"//storage.googleapis.com/projects/_/buckets/some-bucket\","
              + "\"type\":\"google.cloud.storage.object.v1.finalized\","
              + "\"subject\":\"objects/folder/Test.cs\",\"time\":\"2020-09-29T11:32:00.123Z\","
              + "\"datacontenttype\":\"application/json\",\"data\":"
              + STORAGE_DATA
              + "}";
      HttpResponse<String> structuredReply =
          send(
              HttpRequest.newBuilder(invoker.uri("/"))
                  .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                  .POST(BodyPublishers.ofString(structured)));
      assertThat(structuredReply.statusCode()).as(invoker.logTail()).isEqualTo(200);

      // A function that throws gets 500 from the invoker: the platform's retry signal.
      HttpResponse<String> failing =
          send(
              HttpRequest.newBuilder(invoker.uri("/"))
                  .header("ce-specversion", "1.0")
                  .header("ce-id", "failing-1")
                  .header("ce-source", "//test")
                  .header("ce-type", "google.cloud.storage.object.v1.finalized")
                  .header("ce-subject", "fail")
                  .header("Content-Type", "application/json")
                  .POST(BodyPublishers.ofString("{}")));
      assertThat(failing.statusCode()).as(invoker.logTail()).isEqualTo(500);

      String data = STORAGE_DATA;
      assertThat(recorded(record))
          .containsExactly(
              "cloudevent id=binary-1 type=google.cloud.storage.object.v1.finalized"
                  + " source=//storage.googleapis.com/projects/_/buckets/some-bucket"
                  + " subject=objects/folder/Test.cs datacontenttype=application/json data="
                  + data,
              "cloudevent id=structured-1 type=google.cloud.storage.object.v1.finalized"
                  + " source=//storage.googleapis.com/projects/_/buckets/some-bucket"
                  + " subject=objects/folder/Test.cs datacontenttype=application/json data="
                  + data,
              "cloudevent id=failing-1 type=google.cloud.storage.object.v1.finalized"
                  + " source=//test subject=fail datacontenttype=application/json data={}");
    }
  }

  @Test
  @Timeout(60)
  void backgroundFunctionReceivesALegacyEvent() throws Exception {
    Path record = recordFile("event");
    try (InvokerProcess invoker =
        InvokerProcess.start(
            "event",
            ProbeBackgroundFunction.class.getName(),
            "event",
            Map.of("CEH_IT_RECORD", record.toString()),
            READY)) {
      String legacy =
          "{\"context\":{\"eventId\":\"legacy-1\",\"timestamp\":\"2020-09-29T11:32:00.123Z\","
              + "\"eventType\":\"google.storage.object.finalize\",\"resource\":{"
              + "\"service\":\"storage.googleapis.com\","
              + "\"name\":\"projects/_/buckets/some-bucket/objects/folder/Test.cs\","
              + "\"type\":\"storage#object\"}},\"data\":"
              + STORAGE_DATA
              + "}";
      HttpResponse<String> reply =
          send(
              HttpRequest.newBuilder(invoker.uri("/"))
                  .header("Content-Type", "application/json")
                  .POST(BodyPublishers.ofString(legacy)));
      assertThat(reply.statusCode()).as(invoker.logTail()).isEqualTo(200);
      List<String> lines = recorded(record);
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0))
          .startsWith("legacy eventId=legacy-1 eventType=google.storage.object.finalize resource=")
          .contains("projects/_/buckets/some-bucket/objects/folder/Test.cs")
          .endsWith(" data=" + STORAGE_DATA);
    }
  }

  @Test
  @Timeout(60)
  void httpFunctionVerifiesPushTokensAgainstAFileJwks() throws Exception {
    Path record = recordFile("http");
    Path jwks = work.resolve("jwks.json");
    Files.writeString(jwks, TestTokens.PUBLISHED.toString(true), StandardCharsets.UTF_8);
    Map<String, String> env =
        Map.of(
            "CEH_IT_RECORD",
            record.toString(),
            "CEH_PUBSUB_AUDIENCE",
            TestTokens.AUDIENCE,
            "CEH_PUBSUB_SERVICE_ACCOUNT",
            TestTokens.ACCOUNT,
            "CEH_PUBSUB_JWKS_URL",
            jwks.toUri().toString());
    try (InvokerProcess invoker =
        InvokerProcess.start("http", ProbeHttpFunction.class.getName(), "http", env, READY)) {
      String data = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
      String envelope =
          "{\"message\":{\"attributes\":{\"k\":\"v\"},\"data\":\""
              + data
              + "\",\"messageId\":\"m-1\",\"message_id\":\"m-1\","
              + "\"publishTime\":\"2026-11-22T12:00:00Z\",\"publish_time\":\"2026-11-22T12:00:00Z\"},"
              + "\"subscription\":\"projects/demo-project/subscriptions/push\"}";

      HttpResponse<String> valid = push(invoker, envelope, "Bearer " + TestTokens.tokenValidNow());
      assertThat(valid.statusCode()).as(invoker.logTail()).isEqualTo(204);

      HttpResponse<String> forged = push(invoker, envelope, "Bearer " + TestTokens.forgedNow());
      assertThat(forged.statusCode()).as(invoker.logTail()).isEqualTo(401);
      assertThat(forged.body()).isEqualTo("UNAUTHENTICATED");

      String wrongAudience =
          TestTokens.token(
              c ->
                  c.audience("https://other.example.com")
                      .issueTime(java.util.Date.from(java.time.Instant.now()))
                      .expirationTime(
                          java.util.Date.from(java.time.Instant.now().plusSeconds(600))));
      HttpResponse<String> forbidden = push(invoker, envelope, "Bearer " + wrongAudience);
      assertThat(forbidden.statusCode()).as(invoker.logTail()).isEqualTo(403);

      HttpResponse<String> missing = push(invoker, envelope, null);
      assertThat(missing.statusCode()).isEqualTo(401);

      // Unwrapped push writes attributes as headers: an 'authorization' attribute next to the
      // real token is refused, not picked from.
      HttpResponse<String> collision =
          send(
              HttpRequest.newBuilder(invoker.uri("/"))
                  .header("Content-Type", "application/octet-stream")
                  .header("Authorization", "Bearer " + TestTokens.tokenValidNow())
                  .header("authorization", "admin")
                  .header("x-goog-pubsub-message-id", "m-2")
                  .POST(BodyPublishers.ofString("hello")));
      assertThat(collision.statusCode()).as(invoker.logTail()).isEqualTo(401);

      assertThat(recorded(record)).containsExactly("http POST / " + envelope);
    }
  }

  private static HttpResponse<String> push(
      InvokerProcess invoker, String envelope, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(invoker.uri("/"))
            .header("Content-Type", "application/json")
            .header(
                "User-Agent",
                "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
            .POST(BodyPublishers.ofString(envelope));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b);
  }
}
