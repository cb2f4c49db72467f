package io.github.cloudeventshandler.benchmarks;

import io.github.cloudeventshandler.aws.LambdaHandler;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The AWS entry point per event, beside a direct servlet call, in one run:
 *
 * <ul>
 *   <li>{@link #s3ThroughLambdaHandler}: the recorded one-record S3 put ({@code
 *       aws/s3/s3-put-java-libs}) through {@link LambdaHandler#handleRequest} (read, strict JSON,
 *       classify, CloudEvent, request, bridge, servlet, reply JSON).
 *   <li>{@link #s3DirectServletCall}: the same request, prebuilt, straight into the same servlet
 *       application.
 *   <li>{@link #sqsTenThroughLambdaHandler} / {@link #sqsTenDirectServletCalls}: the recorded SQS
 *       message ({@code aws/sqs/sqs-json-body}) as a ten-record batch (message ids 0..9).
 *   <li>{@link #httpApiThroughLambdaHandler} / {@link #httpApiDirectServletCall} / {@link
 *       #httpApiHandlerAlone}: the side-by-side harness's HTTP API (payload 2.0) event ({@code POST
 *       /echo}, nine headers, a 1,024-byte JSON body) into the trivial servlet: what the handler
 *       costs on the path aws-serverless-java-container also serves, split into the handler's own
 *       work (alone) and the bridge call (direct).
 * </ul>
 *
 * <p>The difference between a handler run and its direct calls, divided by the record count, is
 * what the AWS module adds per record. No Lambda {@code Context} (null), so the budget is {@code
 * CEH_TIMEOUT_MS}.
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
public class LambdaBenchmark {
  private ServletApplication app;
  private LambdaHandler handler;
  private LambdaHandler alone;
  private byte[] s3;
  private byte[] sqs;
  private byte[] httpApi;
  private List<AppRequest> httpApiRequests;
  private List<AppRequest> s3Requests;
  private List<AppRequest> sqsRequests;

  /** Starts the servlet once and prebuilds the events and the direct requests. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Configuration configuration = Configuration.builder().build();
    app = ServletApplication.start(TrivialServlet.class, configuration);
    handler = new LambdaHandler(configuration, app);
    // the same handler with an application that answers at once: what the handler itself costs
    alone = new LambdaHandler(configuration, request -> OK);
    s3 = ConformanceCorpus.get("aws/s3/s3-put-java-libs").input();
    sqs = HarnessEvents.sqsBatch(10, -1);
    httpApi = HarnessEvents.echo();
    s3Requests = direct(s3);
    httpApiRequests = direct(httpApi);
    sqsRequests = direct(sqs);
    check(new String(invoke(s3), StandardCharsets.UTF_8).contains("\"statusCode\":200"), "s3");
    check(
        new String(invoke(sqs), StandardCharsets.UTF_8).equals("{\"batchItemFailures\":[]}"),
        "sqs");
    check(sqsRequests.size() == 10, "ten sqs requests");
    check(
        new String(invoke(httpApi), StandardCharsets.UTF_8).contains("\"statusCode\":200"),
        "http api");
  }

  private static final AppResponse OK = AppResponse.of(200, "text/plain", "ok");

  /** Stops the servlet application. */
  @TearDown(Level.Trial)
  public void tearDown() {
    app.close();
  }

  /** One S3 record through the handler. */
  @Benchmark
  public byte[] s3ThroughLambdaHandler() throws IOException {
    return invoke(s3);
  }

  /** The same S3 request, prebuilt, straight into the servlet application. */
  @Benchmark
  public AppResponse s3DirectServletCall() {
    return app.call(s3Requests.get(0));
  }

  /** Ten SQS records through the handler. */
  @Benchmark
  public byte[] sqsTenThroughLambdaHandler() throws IOException {
    return invoke(sqs);
  }

  /** The ten SQS requests, prebuilt, straight into the servlet application. */
  @Benchmark
  public int sqsTenDirectServletCalls() {
    int ok = 0;
    for (AppRequest r : sqsRequests) {
      ok += app.call(r).status();
    }
    return ok;
  }

  /**
   * One S3 record through the handler, whose application answers at once: read, strict JSON,
   * classify, CloudEvent, request, reply JSON — everything {@link #s3ThroughLambdaHandler} does
   * beyond the bridge call it shares with {@link #s3DirectServletCall}, without Jetty's noise.
   */
  @Benchmark
  public byte[] s3HandlerAlone() throws IOException {
    return invoke(alone, s3);
  }

  /** Ten SQS records through the handler, whose application answers at once. */
  @Benchmark
  public byte[] sqsTenHandlerAlone() throws IOException {
    return invoke(alone, sqs);
  }

  /** The HTTP API event through the handler. */
  @Benchmark
  public byte[] httpApiThroughLambdaHandler() throws IOException {
    return invoke(httpApi);
  }

  /** The same request, prebuilt, straight into the servlet application. */
  @Benchmark
  public AppResponse httpApiDirectServletCall() {
    return app.call(httpApiRequests.get(0));
  }

  /** The HTTP API event through the handler, whose application answers at once. */
  @Benchmark
  public byte[] httpApiHandlerAlone() throws IOException {
    return invoke(alone, httpApi);
  }

  private byte[] invoke(byte[] event) throws IOException {
    return invoke(handler, event);
  }

  private static byte[] invoke(LambdaHandler h, byte[] event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    h.handleRequest(new ByteArrayInputStream(event), out, null);
    return out.toByteArray();
  }

  /** The requests the handler sends for an event (same headers, body and attributes). */
  private List<AppRequest> direct(byte[] event) {
    var pipeline = handler.pipeline();
    var classified = pipeline.classify(RawEvent.builder(RawEvent.AWS, event).build());
    return pipeline.requests(classified, null, Duration.ofSeconds(10));
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark setup check failed: " + what);
    }
  }
}
