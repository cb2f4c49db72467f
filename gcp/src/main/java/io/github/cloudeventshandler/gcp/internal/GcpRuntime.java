package io.github.cloudeventshandler.gcp.internal;

import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.TraceContext;
import io.github.cloudeventshandler.servlet.ApplicationHandle;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the three GCP entry points share: the settings, the classifier registry (every {@code
 * EventClassifier} {@link java.util.ServiceLoader} finds), the pipeline and the application
 * (started on first use). Immutable and thread-safe; one per entry-point instance.
 */
public final class GcpRuntime {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.cloudeventshandler.gcp");

  private final Configuration configuration;
  private final EventPipeline pipeline;
  private final ApplicationHandle application;

  private GcpRuntime(Configuration configuration, ApplicationHandle application) {
    this.configuration = Objects.requireNonNull(configuration, "configuration");
    this.application = Objects.requireNonNull(application, "application");
    this.pipeline =
        EventPipeline.create(
            configuration, ClassifierRegistry.load(GcpRuntime.class.getClassLoader()));
  }

  /** A runtime whose application is started through the servlet bridge on first use. */
  public static GcpRuntime create(Configuration configuration) {
    return new GcpRuntime(configuration, ApplicationHandle.shared(configuration, "entry point"));
  }

  /** A runtime with an explicit application (tests, custom hosting). */
  public static GcpRuntime create(Configuration configuration, Application application) {
    Objects.requireNonNull(application, "application");
    return new GcpRuntime(configuration, ApplicationHandle.of(application, "entry point"));
  }

  /**
   * The application, started on first use.
   *
   * @throws io.github.cloudeventshandler.core.DispatchException after {@link #close()}
   */
  public Application application() {
    return application.get();
  }

  /**
   * Stops the servlet application this runtime started (the process's shared one); an application
   * given to {@link #create(Configuration, Application)} is the caller's to close. Idempotent.
   */
  public void close() {
    application.close();
  }

  /** The settings. */
  public Configuration configuration() {
    return configuration;
  }

  /** The pipeline (classify, explain, dispatch). */
  public EventPipeline pipeline() {
    return pipeline;
  }

  /** Classifies a raw event. */
  public ClassifiedEvent classify(RawEvent raw) {
    return pipeline.classify(raw);
  }

  /** Dispatches a classified event to the application within the configured timeout. */
  public DispatchResult dispatch(ClassifiedEvent event, Object platformContext) {
    return pipeline.dispatch(event, application(), platformContext, configuration.timeout());
  }

  /**
   * Dispatches an event that arrived over HTTP: unless {@code verified}, or the endpoint is
   * declared protected by the platform ({@code CEH_HTTP_EVENTS_TRUSTED=true}), its requests reach
   * the application without {@code RequestAttributes.PLATFORM_EVENT}.
   */
  public DispatchResult dispatchFromHttp(ClassifiedEvent event, RawEvent raw, boolean verified) {
    Application app = application();
    if (!verified && !httpEventsTrusted()) {
      app = Application.unverified(app);
    }
    // W3C traceparent: the record's own (message attributes, CloudEvent), else this request's
    app =
        TraceContext.orDefault(
            app,
            TraceContext.parse(
                raw.headers().first(TraceContext.TRACEPARENT).orElse(null),
                raw.headers().first(TraceContext.TRACESTATE).orElse(null)));
    Object platformContext = raw.platformContext().orElse(null);
    return pipeline.dispatch(event, app, platformContext, configuration.timeout());
  }

  /**
   * Whether {@code CEH_HTTP_EVENTS_TRUSTED=true} declares that the platform guards the HTTP
   * endpoint (IAM), so events over HTTP are platform events without a token of their own.
   */
  public boolean httpEventsTrusted() {
    return configuration
        .setting(Configuration.HTTP_EVENTS_TRUSTED)
        .map(v -> v.trim().equalsIgnoreCase("true"))
        .orElse(false);
  }

  /** Logs the one line per invocation (provider, kind, event id, outcome, milliseconds). */
  public static void log(
      String entryPoint, ClassifiedEvent event, String outcome, long startNanos) {
    if (LOG.isInfoEnabled()) {
      LOG.info(
          "gcp {} kind={} id={} outcome={} ms={}",
          entryPoint,
          event == null ? "-" : event.kind(),
          event == null ? "-" : event.records().get(0).displayId(),
          outcome,
          (System.nanoTime() - startNanos) / 1_000_000);
    }
  }
}
