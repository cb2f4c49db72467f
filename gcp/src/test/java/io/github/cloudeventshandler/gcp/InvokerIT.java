package io.github.cloudeventshandler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.gcp.it.EchoServlet;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three real entry points inside the real {@code java-function-invoker} 2.0.0 (a separate
 * process on loopback, see {@link InvokerProcess}), each delivering through the servlet bridge to a
 * real servlet application ({@link EchoServlet} as {@code CEH_APPLICATION}). Recorded conformance
 * cases are sent over HTTP as Cloud Functions would send them, and what the application received is
 * compared with the case's expected request: binary and structured CloudEvents (Storage, Pub/Sub)
 * through {@link CloudEventsEntryPoint}, legacy events (Storage GA shape, Pub/Sub beta shape,
 * Firestore) through {@link BackgroundEntryPoint}, and through {@link HttpEntryPoint} a wrapped
 * push with a valid, a forged, a missing and a wrong-audience token, and a no-wrapper push whose
 * attribute {@code authorization} collides with the token (keys from a {@code file:} JWKS written
 * here) and a binary CloudEvent whose response comes back unchanged, also from 40 requests on 4
 * threads at once (each response must be its own request's).
 */
class InvokerIT {
  private static final Duration READY = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Headers the JDK client sets itself and refuses to take from a recording. */
  private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");

  private static final ConformanceCase BINARY =
      ConformanceCorpus.get("gcp/storage/binary-storage-simple");
  private static final ConformanceCase STRUCTURED =
      ConformanceCorpus.get("gcp/storage/storage-cloudevent-input");
  private static final ConformanceCase LEGACY =
      ConformanceCorpus.get("gcp/storage/storage-legacy-input");

  /** Legacy shapes the invoker parses before our code runs: GA, beta (top level), Firestore. */
  private static final List<ConformanceCase> MORE_LEGACY =
      List.of(
          ConformanceCorpus.get("gcp/pubsub/legacy-pubsub-legacy-input"),
          ConformanceCorpus.get("gcp/firestore/firestore-simple-legacy-input"));

  private static final ConformanceCase STRUCTURED_PUBSUB =
      ConformanceCorpus.get("gcp/pubsub/pubsub-text-cloudevent-input");
  private static final ConformanceCase PUSH =
      ConformanceCorpus.get("gcp/pubsub/push-wrapped-message-published-complex");

  private static Path work;

  @BeforeAll
  static void workDir() throws IOException {
    work = Files.createDirectories(Path.of(System.getProperty(InvokerProcess.WORK_DIR)));
  }

  private static Map<String, String> env(Path record) throws IOException {
    Files.deleteIfExists(record);
    Map<String, String> env = new HashMap<>();
    env.put("CEH_APPLICATION", EchoServlet.class.getName());
    env.put("CEH_IT_RECORD", record.toString());
    return env;
  }

  private static List<JsonObject> recorded(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(l -> JsonParser.parseString(l).getAsJsonObject())
        .toList();
  }

  /** The recorded case as its transport describes it (or as a JSON POST when it has none). */
  private static HttpRequest.Builder request(
      InvokerProcess invoker, ConformanceCase c, String contentTypeWithoutTransport) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(invoker.uri(c.transport().map(t -> t.path()).orElse("/")));
    c.transport()
        .ifPresentOrElse(
            t ->
                t.headers().fields().stream()
                    .filter(
                        f -> !RESTRICTED.contains(f.getKey().toLowerCase(java.util.Locale.ROOT)))
                    .forEach(f -> b.header(f.getKey(), f.getValue())),
            () -> b.header("Content-Type", contentTypeWithoutTransport));
    String method = c.transport().map(t -> t.method()).orElse("POST");
    return b.method(method, BodyPublishers.ofByteArray(c.input()));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
  }

  /** What the app saw is the case's first expected request: method, path, ce-*, type, body. */
  private static void assertDelivered(ConformanceCase c, JsonObject seen) {
    JsonObject expected = c.expected().getAsJsonArray("requests").get(0).getAsJsonObject();
    assertThat(seen.get("method").getAsString()).isEqualTo(expected.get("method").getAsString());
    assertThat(seen.get("path").getAsString()).isEqualTo(expected.get("path").getAsString());
    JsonObject ce = seen.getAsJsonObject("ce");
    for (Map.Entry<String, JsonElement> e : expected.getAsJsonObject("ce").entrySet()) {
      assertThat(ce.has(e.getKey()) ? ce.get(e.getKey()).getAsString() : null)
          .as("%s: ce-%s", c, e.getKey())
          .isEqualTo(e.getValue().getAsString());
    }
    if (expected.has("headers") && expected.getAsJsonObject("headers").has("Content-Type")) {
      assertThat(seen.get("contentType").getAsString())
          .isEqualTo(expected.getAsJsonObject("headers").get("Content-Type").getAsString());
    }
    if (expected.has("bodyJson")) {
      assertThat(JsonParser.parseString(seen.get("body").getAsString()))
          .as("%s: body", c)
          .isEqualTo(expected.get("bodyJson"));
    }
  }

  @Test
  @Timeout(90)
  void cloudEventsEntryPointDeliversBinaryAndStructuredCloudEvents() throws Exception {
    Path record = work.resolve("entry-cloudevent.record");
    try (InvokerProcess invoker =
        InvokerProcess.start(
            "entry-cloudevent",
            CloudEventsEntryPoint.class.getName(),
            "cloudevent",
            env(record),
            READY)) {
      HttpResponse<String> binary = send(request(invoker, BINARY, null));
      assertThat(binary.statusCode()).as(invoker.logTail()).isEqualTo(200);
      HttpResponse<String> structured =
          send(request(invoker, STRUCTURED, "application/cloudevents+json; charset=utf-8"));
      assertThat(structured.statusCode()).as(invoker.logTail()).isEqualTo(200);

      HttpResponse<String> structuredPubSub =
          send(request(invoker, STRUCTURED_PUBSUB, "application/cloudevents+json"));
      assertThat(structuredPubSub.statusCode()).as(invoker.logTail()).isEqualTo(200);

      // the app answers 500: the entry point throws and the invoker answers 500 (retry signal)
      HttpResponse<String> failing =
          send(request(invoker, BINARY, null).setHeader("ce-subject", "objects/fail"));
      assertThat(failing.statusCode()).as(invoker.logTail()).isEqualTo(500);

      List<JsonObject> seen = recorded(record);
      assertThat(seen).as(invoker.logTail()).hasSize(4);
      assertDelivered(BINARY, seen.get(0));
      assertDelivered(STRUCTURED, seen.get(1));
      assertDelivered(STRUCTURED_PUBSUB, seen.get(2));
      assertThat(seen.get(3).getAsJsonObject("ce").get("subject").getAsString())
          .isEqualTo("objects/fail");
    }
  }

  @Test
  @Timeout(90)
  void backgroundEntryPointDeliversALegacyEventAsItsCloudEvent() throws Exception {
    Path record = work.resolve("entry-event.record");
    try (InvokerProcess invoker =
        InvokerProcess.start(
            "entry-event", BackgroundEntryPoint.class.getName(), "event", env(record), READY)) {
      HttpResponse<String> reply = send(request(invoker, LEGACY, "application/json"));
      assertThat(reply.statusCode()).as(invoker.logTail()).isEqualTo(200);
      for (ConformanceCase c : MORE_LEGACY) {
        assertThat(send(request(invoker, c, "application/json")).statusCode())
            .as("%s\n%s", c, invoker.logTail())
            .isEqualTo(200);
      }
      List<JsonObject> seen = recorded(record);
      assertThat(seen).as(invoker.logTail()).hasSize(1 + MORE_LEGACY.size());
      assertDelivered(LEGACY, seen.get(0));
      for (int i = 0; i < MORE_LEGACY.size(); i++) {
        assertDelivered(MORE_LEGACY.get(i), seen.get(1 + i));
      }
    }
  }

  @Test
  @Timeout(90)
  void httpEntryPointVerifiesPushTokensAndPassesCloudEventsThrough() throws Exception {
    Path record = work.resolve("entry-http.record");
    Path jwks = work.resolve("entry-jwks.json");
    Files.writeString(jwks, TestTokens.PUBLISHED.toString(true), StandardCharsets.UTF_8);
    Map<String, String> env = env(record);
    env.put("CEH_PUBSUB_AUDIENCE", TestTokens.AUDIENCE);
    env.put("CEH_PUBSUB_SERVICE_ACCOUNT", TestTokens.ACCOUNT);
    env.put("CEH_PUBSUB_JWKS_URL", jwks.toUri().toString());
    try (InvokerProcess invoker =
        InvokerProcess.start("entry-http", HttpEntryPoint.class.getName(), "http", env, READY)) {
      HttpResponse<String> forged =
          send(
              request(invoker, PUSH, null)
                  .header("Authorization", "Bearer " + TestTokens.forgedNow()));
      assertThat(forged.statusCode()).as(invoker.logTail()).isEqualTo(401);
      HttpResponse<String> none = send(request(invoker, PUSH, null));
      assertThat(none.statusCode()).as(invoker.logTail()).isEqualTo(401);
      String wrongAudience =
          TestTokens.token(
              c ->
                  c.audience("https://other.example.com")
                      .issueTime(Date.from(Instant.now()))
                      .expirationTime(Date.from(Instant.now().plusSeconds(600))));
      HttpResponse<String> forbidden =
          send(request(invoker, PUSH, null).header("Authorization", "Bearer " + wrongAudience));
      assertThat(forbidden.statusCode()).as(invoker.logTail()).isEqualTo(403);
      // no-wrapper push with metadata: an attribute named 'authorization' becomes a second
      // Authorization header next to the real token; refused, not picked from
      HttpResponse<String> collision =
          send(
              HttpRequest.newBuilder(invoker.uri("/"))
                  .header("Content-Type", "application/octet-stream")
                  .header("Authorization", "Bearer " + TestTokens.tokenValidNow())
                  .header("authorization", "admin")
                  .header("x-goog-pubsub-subscription-name", "projects/p/subscriptions/s")
                  .header("x-goog-pubsub-message-id", "m-2")
                  .header("x-goog-pubsub-publish-time", "2026-11-22T12:00:00Z")
                  .POST(BodyPublishers.ofString("hello")));
      assertThat(collision.statusCode()).as(invoker.logTail()).isEqualTo(401);
      assertThat(recorded(record)).as("refused pushes never reach the app").isEmpty();

      HttpResponse<String> valid =
          send(
              request(invoker, PUSH, null)
                  .header("Authorization", "Bearer " + TestTokens.tokenValidNow()));
      assertThat(valid.statusCode()).as(invoker.logTail()).isEqualTo(204);
      List<JsonObject> seen = recorded(record);
      assertThat(seen).as(invoker.logTail()).hasSize(1);
      assertDelivered(PUSH, seen.get(0));

      // a Google CloudEvent over HTTP claims a Google origin: without a token it never reaches
      // the app; with the token Eventarc sends it is delivered
      HttpResponse<String> unproven = send(request(invoker, BINARY, null));
      assertThat(unproven.statusCode()).as(invoker.logTail()).isEqualTo(401);
      assertThat(recorded(record)).hasSize(1);
      HttpResponse<String> cloudEvent =
          send(
              request(invoker, BINARY, null)
                  .header("Authorization", "Bearer " + TestTokens.tokenValidNow()));
      assertThat(cloudEvent.statusCode()).as(invoker.logTail()).isEqualTo(200);
      seen = recorded(record);
      assertThat(seen).hasSize(2);
      assertDelivered(BINARY, seen.get(1));
      assertThat(JsonParser.parseString(cloudEvent.body())).isEqualTo(seen.get(1));

      // one instance, many concurrent requests: each response is the echo of its own request
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<String>> replies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          String id = "concurrent-" + i;
          replies.add(
              pool.submit(
                  () -> {
                    HttpResponse<String> r =
                        send(
                            request(invoker, BINARY, null)
                                .setHeader("ce-id", id)
                                .header("Authorization", "Bearer " + TestTokens.tokenValidNow()));
                    return r.statusCode()
                        + " "
                        + JsonParser.parseString(r.body())
                            .getAsJsonObject()
                            .getAsJsonObject("ce")
                            .get("id")
                            .getAsString();
                  }));
        }
        for (int i = 0; i < replies.size(); i++) {
          assertThat(replies.get(i).get(30, TimeUnit.SECONDS))
              .as(invoker.logTail())
              .isEqualTo("200 concurrent-" + i);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(recorded(record)).hasSize(42);
    }
  }
}
