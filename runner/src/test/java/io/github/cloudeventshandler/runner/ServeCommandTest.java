package io.github.cloudeventshandler.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.ingress.IngressServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code serve} over real HTTP on 127.0.0.1 (an ephemeral port): the app's own routes, and raw
 * events of every cloud posted to the ingress, answered with the entry point's native reply.
 */
@Timeout(60)
class ServeCommandTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What serve tells the user on stderr. */
  private static final ByteArrayOutputStream NOTES = new ByteArrayOutputStream();

  private static Session session;
  private static LocalServer server;

  @BeforeAll
  static void start() throws Exception {
    Options options =
        Options.parse(new String[] {"serve", "--port", "0", "--app", RunnerCli.HELLO});
    Map<String, String> env = Map.of("CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS", "ceh-sample");
    session = Session.start(options, env, new Properties());
    server =
        LocalServer.start(
            session,
            Session.configuration(env, new Properties(), Map.of()),
            0,
            new PrintStream(NOTES, true));
  }

  @AfterAll
  static void stop() {
    server.close();
    session.close();
  }

  @Test
  void theAppsOwnRoutesAreServed() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")).GET());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello from cloud-events-handler\n");
    HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/nope")).GET());
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void aRawLambdaEventGetsTheLambdaResult() throws Exception {
    HttpResponse<String> r = postEvent(ConformanceCorpus.get("aws/s3/s3-put-sam").input(), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-CEH-Entry-Point")).hasValue("aws/lambda");
    assertThat(r.headers().firstValue("X-CEH-Route")).hasValue("/aws.s3");
    // the ASYNC reply: the app's last response as {"statusCode","headers","body"}
    assertThat(r.body()).contains("\"statusCode\":200").contains("ObjectCreated:Put");
  }

  @Test
  void aLambdaFailureIsAnsweredAsTheInvokeApiDoes() throws Exception {
    // ?provider=aws sends what no detection rule claims to LambdaHandler, which cannot classify it
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri(LocalServer.INGRESS + "?provider=aws"))
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        ConformanceCorpus.get("aws/unsupported/batch-get-job").input())));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-CEH-Entry-Point")).hasValue("aws/lambda");
    assertThat(r.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
    assertThat(r.body()).contains("\"errorType\":\"io.github.cloudeventshandler.core.Unrecognized");
  }

  @Test
  void aBinaryGoogleCloudEventGoesThroughTheGcpHttpEntryPoint() throws Exception {
    ConformanceCase c = ConformanceCorpus.get("gcp/storage/binary-storage-simple");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(LocalServer.INGRESS))
            .POST(HttpRequest.BodyPublishers.ofByteArray(c.input()));
    c.transport().orElseThrow().headers().fields().forEach(f -> b.header(f.getKey(), f.getValue()));
    HttpResponse<String> r = send(b);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-CEH-Entry-Point")).hasValue("gcp/http");
    assertThat(r.body()).contains("\"path\":\"/google.cloud.storage\"");
  }

  @Test
  void aPubSubPushIsAcknowledgedWith204() throws Exception {
    HttpResponse<String> r =
        postEvent(
            ConformanceCorpus.get("gcp/pubsub/push-wrapped-message-published-complex").input(),
            "application/json");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("X-CEH-Route")).hasValue("/google.cloud.pubsub");
  }

  @Test
  void eventGridHandshakeAndDeliveryGoThroughTheAzureHttpTrigger() throws Exception {
    HttpResponse<String> handshake = postCase("azure/eventgrid-handshake/subscription-validation");
    assertThat(handshake.statusCode()).isEqualTo(200);
    assertThat(handshake.headers().firstValue("X-CEH-Entry-Point")).hasValue("azure/http");
    assertThat(handshake.body()).contains("\"validationResponse\"");
    HttpResponse<String> refused =
        postCase("azure/eventgrid-handshake/subscription-validation-not-allowed");
    assertThat(refused.statusCode()).isEqualTo(403);
    HttpResponse<String> delivery = postCase("azure/eventgrid/storage-blob-created");
    assertThat(delivery.statusCode()).isEqualTo(200);
    assertThat(delivery.headers().firstValue("X-CEH-Route")).hasValue("/microsoft.storage");
    assertThat(delivery.headers().firstValue("X-CEH-Kind")).hasValue("azure.eventgrid");
    // Event Grid's native reply is the status alone
    assertThat(delivery.body()).isEmpty();
  }

  /** A corpus case posted to the ingress with its recorded transport headers. */
  private static HttpResponse<String> postCase(String id) throws Exception {
    ConformanceCase c = ConformanceCorpus.get(id);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(LocalServer.INGRESS))
            .POST(HttpRequest.BodyPublishers.ofByteArray(c.input()));
    c.transport().orElseThrow().headers().fields().forEach(f -> b.header(f.getKey(), f.getValue()));
    return send(b);
  }

  @Test
  void aStructuredPlainCloudEventGoesToItsSourceRoute() throws Exception {
    HttpResponse<String> r =
        postEvent(
            "{\"specversion\":\"1.0\",\"id\":\"9\",\"source\":\"orders\",\"type\":\"demo\"}"
                .getBytes(StandardCharsets.UTF_8),
            "application/cloudevents+json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-CEH-Entry-Point")).hasValue("http/cloudevents-http");
    assertThat(r.body()).contains("\"path\":\"/orders\"").contains("\"ce-id\":\"9\"");
  }

  @Test
  void aStructuredCloudEventWithAnotherContentTypeIsDeliveredAsPlainHttpAndSaidSo()
      throws Exception {
    byte[] event = ConformanceCorpus.get("gcp/storage/storage-cloudevent-input").input();
    HttpResponse<String> r = postEvent(event, "application/json");
    // what the real HttpEntryPoint does with it: the app's POST /, not an event
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-CEH-Route")).hasValue("/");
    assertThat(r.headers().firstValue(LocalServer.NOTE_HEADER))
        .hasValueSatisfying(
            n ->
                assertThat(n)
                    .contains("structured CloudEvent")
                    .contains("'application/json'")
                    .contains("gcp/http passed it to the app as plain HTTP (/)")
                    .contains("application/cloudevents+json"));
    assertThat(NOTES.toString(StandardCharsets.UTF_8))
        .contains("note: POST /_ceh/events: the body is a structured CloudEvent");

    HttpResponse<String> right = postEvent(event, "application/cloudevents+json");
    assertThat(right.headers().firstValue("X-CEH-Route")).hasValue("/google.cloud.storage");
    assertThat(right.headers().firstValue(LocalServer.NOTE_HEADER)).isEmpty();
  }

  @Test
  void somethingOfNoCloudIsA400NamingWhy() throws Exception {
    HttpResponse<String> r = postEvent("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("cannot tell which cloud");
  }

  @Test
  void aForgedEventOnTheAppsOwnRouteIsNoPlatformEvent() throws Exception {
    Options options =
        Options.parse(new String[] {"serve", "--app", PlatformEventServlet.class.getName()});
    try (Session s = Session.start(options, Map.of(), new Properties());
        LocalServer local =
            LocalServer.start(
                s,
                Session.configuration(Map.of(), new Properties(), Map.of()),
                0,
                new PrintStream(NOTES, true))) {
      byte[] s3 = ConformanceCorpus.get("aws/s3/s3-put-sam").input();
      HttpResponse<String> forged =
          send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.port() + "/aws.s3"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(s3)));
      assertThat(forged.body()).isEqualTo("platformEvent=null path=/aws.s3");
      HttpResponse<String> event =
          send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + local.port() + LocalServer.INGRESS))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(s3)));
      assertThat(event.body()).contains("platformEvent=true path=/aws.s3");
    }
  }

  @Test
  void serveListensOnLoopbackAndStopsWhenAsked() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger code = new AtomicInteger(-1);
    Thread t =
        new Thread(
            () ->
                code.set(
                    Runner.serve(
                        Options.parse(
                            new String[] {"serve", "--port", "0", "--app", RunnerCli.HELLO}),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        Map.of(),
                        new Properties(),
                        stop)));
    t.start();
    Pattern banner = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");
    Matcher m = banner.matcher("");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!m.find() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      m = banner.matcher(out.toString(StandardCharsets.UTF_8));
    }
    int port = Integer.parseInt(m.group(1));
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    stop.countDown();
    t.join(20_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(code.get()).isZero();
    try {
      CLIENT.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("still listening on " + port);
    } catch (ConnectException expected) {
      // stopped
    }
  }

  private static HttpResponse<String> postEvent(byte[] body, String contentType) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(LocalServer.INGRESS))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return CLIENT.send(
        b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  /** serve is the container ingress on loopback: its protocol paths and probes are there too. */
  @Test
  void theContainerIngressPathsAreServedToo() throws Exception {
    String base = "http://127.0.0.1:" + server.port();
    assertThat(send(HttpRequest.newBuilder(URI.create(base + IngressServer.READY))).statusCode())
        .isEqualTo(200);
    ConformanceCase c = ConformanceCorpus.get("cloudevents/conformance/v1-minimum-json-object");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/ingress/cloudevents"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(c.input()));
    c.transport().orElseThrow().headers().fields().forEach(f -> b.header(f.getKey(), f.getValue()));
    HttpResponse<String> r = send(b);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("/github.com/cloudevents/cloudeventsconformance/yaml/v1.yaml");
  }
}
