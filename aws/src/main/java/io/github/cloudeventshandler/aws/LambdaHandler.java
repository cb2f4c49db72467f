package io.github.cloudeventshandler.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import io.github.cloudeventshandler.aws.internal.AlbReply;
import io.github.cloudeventshandler.aws.internal.ApiGatewayV1Reply;
import io.github.cloudeventshandler.aws.internal.ApiGatewayV2Reply;
import io.github.cloudeventshandler.aws.internal.ApiGatewayWebSocketReply;
import io.github.cloudeventshandler.aws.internal.AsyncReply;
import io.github.cloudeventshandler.aws.internal.BatchItemFailuresReply;
import io.github.cloudeventshandler.aws.internal.CloudFormationCallback;
import io.github.cloudeventshandler.aws.internal.CloudFormationReply;
import io.github.cloudeventshandler.aws.internal.FirehoseReply;
import io.github.cloudeventshandler.aws.internal.ReplyShape;
import io.github.cloudeventshandler.aws.internal.ResponseBodyReply;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BatchMode;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.classifier.ReplyContract;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.JsonBytes;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.TraceContext;
import io.github.cloudeventshandler.servlet.ClassPreloader;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS Lambda entry point for every event source: set the function's handler to {@code
 * io.github.cloudeventshandler.aws.LambdaHandler::handleRequest} and {@code CEH_APPLICATION} to
 * your servlet application, and each event reaches the application as an HTTP request ({@code POST
 * /aws.s3}, {@code POST /aws.sqs}, …, or the proxied request for API Gateway, ALB and function
 * URLs). The application's answers become what Lambda expects for that source (see {@link
 * LambdaReply}).
 *
 * <p>Custom handlers construct it with a {@link Configuration} (and optionally their own {@link
 * Application}) and delegate:
 *
 * <pre>{@code
 * public class MyHandler implements RequestStreamHandler {
 *   private final LambdaHandler delegate = new LambdaHandler(
 *       Configuration.fromEnvironment().toBuilder().application(BooksApp.class).build());
 *
 *   public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
 *     // do something first
 *     delegate.handleRequest(in, out, context);
 *   }
 * }
 * }</pre>
 *
 * <p>Every request carries {@code lambda-runtime-aws-request-id} (the invocation's request id) and,
 * when Lambda traces the invocation, {@code x-amzn-trace-id}; these replace any field of the same
 * name the event carried. A request also carries W3C {@code traceparent} (and {@code tracestate}):
 * its record's context when it has one (an SQS message's {@code AWSTraceHeader}, a CloudEvent's
 * distributed-tracing extension), else the invocation's X-Ray header converted ({@code
 * docs/tracing.md}). The Lambda {@code Context} is the request attribute {@link
 * io.github.cloudeventshandler.core.RequestAttributes#PLATFORM_CONTEXT}.
 *
 * <p>Failure contract: input over the size cap ({@code CEH_MAX_BODY_BYTES}, default 6 MB), input
 * that is not strict JSON, or a broken event throws {@link BadEventException}; an event no
 * classifier recognises throws {@link
 * io.github.cloudeventshandler.core.UnrecognizedEventException}; records the platform must retry
 * throw {@link io.github.cloudeventshandler.core.DispatchException}. When it throws, nothing has
 * been written to the output stream. Thread-safe.
 */
public class LambdaHandler implements RequestStreamHandler, AutoCloseable {
  /** The header carrying the Lambda request id on every request to the application. */
  public static final String REQUEST_ID_HEADER = "lambda-runtime-aws-request-id";

  /** The header carrying the X-Ray trace header on every request to the application. */
  public static final String TRACE_ID_HEADER = "x-amzn-trace-id";

  private static final Logger LOG = LoggerFactory.getLogger(LambdaHandler.class);

  /** The classes a cold start through this handler loads, from a run of the real runtime client. */
  static final String PRELOAD_LIST = "META-INF/cloud-events-handler/aws-preload.txt";

  private volatile EventPipeline pipeline;
  private final Application application;
  private final CloudFormationCallback callback;
  private final ServletApplication started;
  private final SnapStartHooks snapStart;
  private final boolean fromEnvironment;
  private volatile SnsHttpEndpoint snsHttp;
  private volatile boolean closed;

  /**
   * The zero-code handler: configures itself from {@code CEH_*} environment variables ({@code
   * ceh.*} system properties win) and starts the servlet application named by {@code
   * CEH_APPLICATION} once per process, so Lambda's init phase pays for starting Jetty, not the
   * first event. Every no-argument handler of the process shares that one application.
   *
   * @throws io.github.cloudeventshandler.core.ConfigurationException when a setting is missing or
   *     malformed, or the application cannot be started
   */
  public LambdaHandler() {
    this(Configuration.fromEnvironment(), true);
  }

  /**
   * A handler for custom handlers: runs the servlet application named by the configuration's {@code
   * CEH_APPLICATION}, started once per process and shared ({@link
   * ServletApplication#shared(Configuration)}). The first such handler of a process starts the
   * application on a second thread, loads the classifiers and preloads the classes the first event
   * will need meanwhile ({@link ClassPreloader}, {@code CEH_PRELOAD}), and returns once the
   * application is up.
   *
   * @throws io.github.cloudeventshandler.core.ConfigurationException when the application cannot be
   *     started
   */
  public LambdaHandler(Configuration configuration) {
    this(configuration, false);
  }

  private LambdaHandler(Configuration configuration, boolean fromEnvironment) {
    this(configuration, ServletApplication.sharedAsync(configuration), fromEnvironment);
  }

  /** Loads the classifiers while the application starts on another thread, then waits for it. */
  private LambdaHandler(
      Configuration configuration,
      CompletableFuture<ServletApplication> starting,
      boolean fromEnvironment) {
    long began = System.nanoTime();
    boolean preload =
        !starting.isDone()
            && ClassPreloader.enabled(
                configuration, cpus(System.getenv(), Runtime.getRuntime().availableProcessors()));
    this.pipeline = pipeline(configuration);
    long classified = System.nanoTime();
    ClassPreloader.Result preloaded = null;
    if (preload) {
      preloaded =
          ClassPreloader.fromResource(LambdaHandler.class.getClassLoader(), PRELOAD_LIST)
              .runWhile(starting);
    }
    long waited = System.nanoTime();
    this.started = ServletApplication.await(starting);
    this.application = started;
    this.callback = CloudFormationCallback.http();
    this.snsHttp = SnsHttpEndpoint.create(pipeline);
    this.fromEnvironment = fromEnvironment;
    this.snapStart = SnapStartHooks.register(this, started);
    LOG.info(
        "handler ready in {} ms: classifiers {} ms, {}, then waited {} ms for the application",
        millis(began),
        (classified - began) / 1_000_000,
        preloaded == null ? "no preloading" : preloaded,
        millis(waited));
  }

  /**
   * A handler for custom handlers and tests that bring their own application.
   *
   * @param configuration the settings ({@code CEH_APPLICATION} is not needed)
   * @param application the application events are delivered to
   */
  public LambdaHandler(Configuration configuration, Application application) {
    this(configuration, application, CloudFormationCallback.http());
  }

  LambdaHandler(
      Configuration configuration, Application application, CloudFormationCallback callback) {
    this(configuration, application, callback, null);
  }

  /** Tests: {@code snsHttp} null means the production one. */
  LambdaHandler(
      Configuration configuration,
      Application application,
      CloudFormationCallback callback,
      SnsHttpEndpoint snsHttp) {
    this.pipeline = pipeline(configuration);
    this.application = Objects.requireNonNull(application, "application");
    this.callback = Objects.requireNonNull(callback, "callback");
    this.snsHttp = snsHttp != null ? snsHttp : SnsHttpEndpoint.create(pipeline);
    this.started = null;
    this.snapStart = null;
    this.fromEnvironment = false;
  }

  /** The CRaC resource of a handler that started the application, else null (tests). */
  SnapStartHooks snapStart() {
    return snapStart;
  }

  /**
   * After a restore from a snapshot: a handler configured from the environment reads its {@code
   * CEH_*} settings again (a handler given a configuration keeps it).
   */
  void reloadConfiguration() {
    if (fromEnvironment) {
      EventPipeline fresh = pipeline(Configuration.fromEnvironment());
      snsHttp = SnsHttpEndpoint.create(fresh);
      pipeline = fresh;
    }
  }

  /**
   * The processors' worth of CPU this function can use at once: Lambda gives CPU in proportion to
   * memory, one vCPU-second per second at 1,769 MB ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}),
   * whatever number of processors the JVM sees; outside Lambda, the JVM's count.
   */
  static double cpus(Map<String, String> environment, int availableProcessors) {
    String memory = environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
    if (memory != null) {
      try {
        return Math.min(availableProcessors, Integer.parseInt(memory.trim()) / 1769.0);
      } catch (NumberFormatException e) {
        // not Lambda's own value: fall back to what the JVM sees
      }
    }
    return availableProcessors;
  }

  private static EventPipeline pipeline(Configuration configuration) {
    return EventPipeline.create(
        Objects.requireNonNull(configuration, "configuration"),
        ClassifierRegistry.load(LambdaHandler.class.getClassLoader()));
  }

  /** The pipeline this handler classifies and dispatches with. */
  public EventPipeline pipeline() {
    return pipeline;
  }

  /**
   * Stops the servlet application this handler started (the process's shared one: Jetty stops, a
   * Spring context closes, {@code @PreDestroy} methods run); an application given to the
   * constructor is the caller's to close. Idempotent; afterwards {@link #handleRequest} throws
   * {@link io.github.cloudeventshandler.core.DispatchException}. Not needed for a {@code main} to
   * exit: the bridge's threads are daemon threads, and a shutdown hook closes the shared
   * application on SIGTERM.
   */
  @Override
  public void close() {
    closed = true;
    if (started != null) {
      started.close();
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    if (closed) {
      throw new DispatchException(
          "this LambdaHandler is closed and takes no more events; the invocation counts as failed");
    }
    long start = System.nanoTime();
    String kind = "-";
    String id = context == null ? "-" : context.getAwsRequestId();
    try {
      Classified classified = classify(input, context);
      ClassifiedEvent event = classified.event();
      kind = event.kind();
      if (!event.isHttp()) {
        id = event.records().get(0).displayId();
      }
      Duration budget = budget(context);
      // SNS posting to this function's HTTP endpoint: verified before anything reaches the app
      boolean sns = snsHttp.claims(event);
      if (sns) {
        kind = "aws.sns.http";
      }
      DispatchResult result =
          sns
              ? snsHttp.dispatchProxied(event, withPlatformHeaders(context), context, budget)
              : pipeline.dispatch(event, withPlatformHeaders(context), context, budget);
      byte[] reply = JsonBytes.of(classified.shape().reply(result, classified.json(), context));
      output.write(reply);
      output.flush();
      LOG.info(
          "aws {} id={} outcome={} records={} ms={}",
          kind,
          id,
          outcome(result),
          result.outcomes().size(),
          millis(start));
    } catch (RuntimeException e) {
      LOG.warn(
          "aws {} id={} outcome=error:{} ms={} {}",
          kind,
          id,
          e.getClass().getSimpleName(),
          millis(start),
          e.getMessage());
      throw e;
    }
  }

  /**
   * Reads and classifies the input. The event's JSON tree is kept for the reply only when the reply
   * is made from the event ({@link ReplyShape#readsEvent()}); otherwise it, and the raw event, can
   * be collected while the records are dispatched (for a large batch, tens of megabytes).
   */
  private Classified classify(InputStream input, Context context) throws IOException {
    JsonLimits limits = pipeline.configuration().limits();
    RawEvent raw =
        // the bytes are held once: the whole-event payload of the classified event is this one
        RawEvent.wrapping(RawEvent.AWS, new Payload(Payload.JSON, read(input, limits.maxBytes())))
            .platformContext(context)
            .limits(limits)
            .build();
    JsonElement json = raw.json();
    ClassifiedEvent event = pipeline.classify(raw);
    ReplyShape shape = shape(event.reply(), context);
    return new Classified(event, shape, shape.readsEvent() ? json : JsonNull.INSTANCE);
  }

  /**
   * A classified event, the shape of its reply and the JSON the reply is made from ({@code
   * JsonNull} when the shape does not read the event).
   */
  private record Classified(ClassifiedEvent event, ReplyShape shape, JsonElement json) {}

  private static String outcome(DispatchResult result) {
    int unhandled = result.unhandled().size();
    return unhandled == 0 ? "handled" : unhandled + "-not-handled";
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Reads at most {@code max} bytes; one byte more fails before anything is parsed. */
  static byte[] read(InputStream input, int max) throws IOException {
    // the runtime client hands over the payload as a ByteArrayInputStream: one copy, sized upfront
    byte[] bytes =
        input instanceof ByteArrayInputStream b && b.available() <= max
            ? b.readAllBytes()
            : input.readNBytes(max == Integer.MAX_VALUE ? max : max + 1);
    if (bytes.length > max) {
      throw new BadEventException(
          BadEventException.Problem.TOO_LARGE,
          "aws event: the invocation payload is over the limit of "
              + max
              + " bytes (CEH_MAX_BODY_BYTES; Lambda's synchronous limit is 6 MB)");
    }
    return bytes;
  }

  /**
   * The time all requests may take: what Lambda has left, less a margin (a tenth, at least 250 ms,
   * at most 2 s) kept for writing the reply (or the CloudFormation PUT).
   */
  Duration budget(Context context) {
    if (context == null) {
      return pipeline.configuration().timeout();
    }
    long left = context.getRemainingTimeInMillis();
    long margin = Math.min(2000, Math.max(250, left / 10));
    return Duration.ofMillis(Math.max(0, left - margin));
  }

  private Application withPlatformHeaders(Context context) {
    String requestId = context == null ? null : context.getAwsRequestId();
    String trace = traceHeader(context);
    // W3C traceparent: the record's own (SQS AWSTraceHeader, a CloudEvent's), else the invocation's
    Application app = TraceContext.orDefault(application, TraceContext.fromXray(trace));
    if (requestId == null && trace == null) {
      return app;
    }
    return request -> {
      var b = request.toBuilder();
      if (requestId != null) {
        b.setHeader(REQUEST_ID_HEADER, requestId);
      }
      if (trace != null) {
        b.setHeader(TRACE_ID_HEADER, trace);
      }
      return app.call(b.build());
    };
  }

  /**
   * The X-Ray trace header of this invocation: the context's {@code getXrayTraceId()}, else the
   * {@code com.amazonaws.xray.traceHeader} system property the runtime client sets per invocation,
   * else the {@code _X_AMZN_TRACE_ID} variable.
   */
  static String traceHeader(Context context) {
    String t = context == null ? null : context.getXrayTraceId();
    if (t == null || t.isBlank()) {
      t = System.getProperty("com.amazonaws.xray.traceHeader");
    }
    if (t == null || t.isBlank()) {
      t = System.getenv("_X_AMZN_TRACE_ID");
    }
    if (t == null || t.isBlank() || t.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
      return null;
    }
    return t;
  }

  private ReplyShape shape(ReplyContract contract, Context context) {
    if (!(contract instanceof LambdaReply reply)) {
      return new AsyncReply();
    }
    boolean whole = pipeline.configuration().batch() == BatchMode.WHOLE;
    return switch (reply) {
      case ASYNC -> new AsyncReply();
      case BATCH_ITEM_FAILURES -> new BatchItemFailuresReply();
      case RESPONSE_BODY -> new ResponseBodyReply();
      case FIREHOSE -> whole ? new ResponseBodyReply() : new FirehoseReply();
      case CLOUDFORMATION -> new CloudFormationReply(callback, () -> putTimeout(context));
      case API_GATEWAY_V1 -> new ApiGatewayV1Reply();
      case API_GATEWAY_V2 -> new ApiGatewayV2Reply();
      case ALB -> new AlbReply();
      case API_GATEWAY_WEBSOCKET -> new ApiGatewayWebSocketReply();
    };
  }

  private static Duration putTimeout(Context context) {
    long left = context == null ? 10_000 : context.getRemainingTimeInMillis() - 100;
    return Duration.ofMillis(Math.max(250, Math.min(left, 30_000)));
  }
}
