package io.github.cloudeventshandler.benchmarks;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.servlet.internal.EmbeddedJetty;
import io.github.cloudeventshandler.servlet.internal.JettySettings;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee11.servlet.ServletTester;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector.LocalEndPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 1 KB structured CloudEvent dispatched into a trivial servlet, in one run:
 *
 * <ul>
 *   <li>{@link #rawLocalConnector}: the floor. Prebuilt raw HTTP request bytes (the very request
 *       the bridge sends for this event) written to a reused endpoint of the <em>same</em> Jetty
 *       {@code LocalConnector}, response read with Jetty's own {@code waitForResponse}.
 *   <li>{@link #classifyAndBuildRequest}: core's share alone (no Jetty): RawEvent, classify, build
 *       the request.
 *   <li>{@link #bridgeCall}: a prebuilt {@link AppRequest} through the servlet bridge (request
 *       writer, attribute token, pooled endpoint, response parser).
 *   <li>{@link #pipelineDispatch}: what an entry point does per event: build the {@link RawEvent},
 *       classify it (ServiceLoader registry, strict JSON, CloudEvent validation), build the request
 *       (routes, {@code ce-*} headers) and dispatch it through the bridge.
 *   <li>{@link #servletTester}: Jetty's own test utilities ({@code ServletTester} + {@code
 *       HttpTester}), a new local connection per request, as most servlet unit tests do.
 * </ul>
 *
 * <p>The bridge and the floor share one {@link EmbeddedJetty} (the server {@code
 * ServletApplication} runs; {@code ServletApplication.call} adds one volatile read to {@code
 * EmbeddedJetty.dispatch}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class DispatchBenchmark {
  private static final Duration BUDGET = Duration.ofSeconds(10);

  private EmbeddedJetty jetty;
  private EventPipeline pipeline;
  private byte[] event;
  private Headers transport;
  private AppRequest request;
  private ByteBuffer rawRequest;
  private LocalEndPoint endPoint;
  private ServletTester tester;
  private ByteBuffer testerRequest;

  /** Starts Jetty, builds the event and the prebuilt requests, and checks each path once. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    jetty =
        EmbeddedJetty.start(
            JettySettings.DEFAULT, TrivialServlet.class, DispatchBenchmark.class.getClassLoader());
    pipeline =
        EventPipeline.create(
            Configuration.builder().build(),
            ClassifierRegistry.load(DispatchBenchmark.class.getClassLoader()));
    event = structuredEvent(1024);
    transport =
        Headers.builder()
            .add("Content-Type", "application/cloudevents+json; charset=UTF-8")
            .build();

    ClassifiedEvent classified = pipeline.classify(raw());
    List<AppRequest> requests = pipeline.requests(classified, null, BUDGET);
    // the bridge's request, without the attributes (they cannot travel as bytes)
    request = requests.get(0).toBuilder().attributes(Map.of()).build();
    rawRequest = http(requests.get(0), false);
    endPoint = jetty.localConnector().connect();

    tester = new ServletTester("/");
    tester.addServlet(TrivialServlet.class, "/*");
    tester.start();
    HttpTester.Request t = HttpTester.newRequest();
    t.setMethod(request.method());
    t.setURI(request.target());
    request.headers().fields().forEach(f -> t.add(f.getKey(), f.getValue()));
    t.setHeader("Connection", "close");
    t.setContent(request.body());
    testerRequest = t.generate();

    check(pipelineDispatch().allHandled(), "pipelineDispatch");
    check(bridgeCall().status() == 200, "bridgeCall");
    check(status(rawLocalConnector()) == 200, "rawLocalConnector");
    check(status(servletTester()) == 200, "servletTester");
  }

  /** Stops both servers. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    endPoint.close();
    jetty.close();
    tester.stop();
  }

  /** Classify + build the request + dispatch through the bridge: the cost per event. */
  @Benchmark
  public DispatchResult pipelineDispatch() {
    ClassifiedEvent classified = pipeline.classify(raw());
    return pipeline.dispatch(classified, jetty::dispatch, null, BUDGET);
  }

  /**
   * Core's share alone, no Jetty: build the RawEvent, classify it and build the request the bridge
   * would send. CPU only, so it is the least disturbed by a busy machine.
   */
  @Benchmark
  public List<AppRequest> classifyAndBuildRequest() {
    return pipeline.requests(pipeline.classify(raw()), null, BUDGET);
  }

  /** A prebuilt request through the servlet bridge. */
  @Benchmark
  public AppResponse bridgeCall() {
    return jetty.dispatch(request);
  }

  /**
   * {@link #bridgeCall} after 10 µs of the caller's own work (a spin on {@code System.nanoTime}),
   * as an entry point classifies before it dispatches: tests whether the hand-off to Jetty's worker
   * thread costs more when the pool has been idle a little while (docs/performance.md).
   */
  @Benchmark
  public AppResponse bridgeCallAfterTenMicros() {
    long until = System.nanoTime() + 10_000;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    return jetty.dispatch(request);
  }

  /** Ten microseconds of the caller's own work alone: subtract it from the one above. */
  @Benchmark
  public long tenMicrosAlone() {
    long until = System.nanoTime() + 10_000;
    long n = 0;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
      n++;
    }
    return n;
  }

  /** The floor: the same request as prebuilt bytes over a reused endpoint of the same connector. */
  @Benchmark
  public ByteBuffer rawLocalConnector() throws Exception {
    endPoint.addInputAndExecute(rawRequest.duplicate());
    return endPoint.waitForResponse(false, 10, TimeUnit.SECONDS);
  }

  /** Jetty's ServletTester: a fresh local connection per request. */
  @Benchmark
  public ByteBuffer servletTester() throws Exception {
    return tester.getConnector().getResponse(testerRequest.duplicate(), 10, TimeUnit.SECONDS);
  }

  private RawEvent raw() {
    return RawEvent.builder(RawEvent.HTTP, event)
        .headers(transport)
        .request("POST", "/", null)
        .build();
  }

  /** A structured CloudEvent of exactly {@code size} bytes. */
  static byte[] structuredEvent(int size) {
    String head =
        "{\"specversion\":\"1.0\",\"id\":\"b1e8c1f6-6c8e-4a55-9d3e-1f0d6c5a7e42\","
            + "\"source\":\"//bench.example.com/orders\",\"type\":\"com.example.order.created\","
            + "\"subject\":\"orders/12345\",\"time\":\"2026-11-22T23:00:00Z\","
            + "\"datacontenttype\":\"application/json\",\"data\":{\"orderId\":12345,"
            + "\"customer\":\"alice@example.com\",\"note\":\"";
    String tail = "\"}}";
    int pad = size - head.length() - tail.length();
    if (pad < 0) {
      throw new IllegalArgumentException("event too small: " + size);
    }
    return (head + "x".repeat(pad) + tail).getBytes(StandardCharsets.UTF_8);
  }

  /** HTTP/1.1 request bytes for an AppRequest, as a client on a kept-alive connection sends. */
  static ByteBuffer http(AppRequest r, boolean close) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder();
    head.append(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n");
    head.append("Host: localhost\r\n");
    r.headers()
        .fields()
        .forEach(f -> head.append(f.getKey()).append(": ").append(f.getValue()).append("\r\n"));
    head.append("Content-Length: ").append(r.bodyLength()).append("\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(r.body());
    return ByteBuffer.wrap(out.toByteArray()).asReadOnlyBuffer();
  }

  private static int status(ByteBuffer response) {
    HttpTester.Response r = HttpTester.parseResponse(response.duplicate());
    return r == null ? -1 : r.getStatus();
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what + " did not get a 200 from the servlet");
    }
  }
}
