package io.github.cloudeventshandler.gcp;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.TraceContext;
import io.github.cloudeventshandler.gcp.internal.BinaryCloudEvents;
import io.github.cloudeventshandler.gcp.internal.GcpRuntime;
import java.util.List;

/**
 * The Functions Framework entry point for CloudEvents (Eventarc, Cloud Functions gen2): each event
 * becomes one request to the application, {@code POST /google.cloud.storage} and so on, with its
 * attributes as {@code ce-*} headers and its data as the body.
 *
 * <pre>{@code
 * gcloud functions deploy books --gen2 --runtime=java17 \
 *     --entry-point=io.github.cloudeventshandler.gcp.CloudEventsEntryPoint \
 *     --trigger-bucket=my-bucket --set-env-vars=CEH_APPLICATION=com.example.BooksApp
 * }</pre>
 *
 * <p>Failure contract: returns normally only when the application answered 2xx. A broken event
 * throws {@link io.github.cloudeventshandler.core.BadEventException}, an event nothing recognises
 * {@link io.github.cloudeventshandler.core.UnrecognizedEventException}, and any other answer (or no
 * answer) {@link DispatchException}, so the platform retries when retries are on.
 */
public final class CloudEventsEntryPoint implements CloudEventsFunction, AutoCloseable {
  private final GcpRuntime runtime;

  /** Configures itself from {@code CEH_*} settings; the application starts on the first event. */
  public CloudEventsEntryPoint() {
    this(Configuration.fromEnvironment());
  }

  /** Uses these settings; the application ({@code CEH_APPLICATION}) starts on the first event. */
  public CloudEventsEntryPoint(Configuration configuration) {
    this.runtime = GcpRuntime.create(configuration);
  }

  /** Uses these settings and delivers to this application (tests, custom hosting). */
  public CloudEventsEntryPoint(Configuration configuration, Application application) {
    this.runtime = GcpRuntime.create(configuration, application);
  }

  /**
   * Stops the servlet application this entry point started (the process's shared one); an
   * application given to the constructor is the caller's to close. Idempotent; afterwards every
   * event fails with {@link io.github.cloudeventshandler.core.DispatchException}.
   */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public void accept(CloudEvent event) {
    long start = System.nanoTime();
    ClassifiedEvent classified = null;
    try {
      RawEvent raw = BinaryCloudEvents.toRawEvent(event, null, runtime.configuration().limits());
      classified = withOriginalEvent(runtime.classify(raw), event);
      DispatchResult result = runtime.dispatch(classified, null);
      if (!result.allHandled()) {
        throw new DispatchException(
            "gcp CloudEvent id '"
                + event.getId()
                + "' of type '"
                + event.getType()
                + "' was not handled: "
                + result.firstFailureReason().orElse("no 2xx answer"));
      }
      GcpRuntime.log("cloudevents", classified, "handled", start);
    } catch (RuntimeException e) {
      GcpRuntime.log("cloudevents", classified, e.getClass().getSimpleName(), start);
      throw e;
    }
  }

  /** The application sees the very CloudEvent object the Functions Framework parsed. */
  private static ClassifiedEvent withOriginalEvent(ClassifiedEvent c, CloudEvent original) {
    EventRecord r = c.records().get(0);
    if (c.records().size() != 1
        || r.cloudEvent() == null
        || !r.cloudEvent().getId().equals(original.getId())
        || !r.cloudEvent().getType().equals(original.getType())
        // the classifier added the distributed-tracing extension (Pub/Sub message attributes)
        || !TraceContext.of(r.cloudEvent()).equals(TraceContext.of(original))) {
      return c;
    }
    EventRecord same =
        new EventRecord(
            r.itemId(), r.route(), original, r.nativePayload(), r.unwrappedPayload(), null);
    return new ClassifiedEvent(
        c.provider(), c.kind(), c.delivery(), c.reply(), List.of(same), c.whole());
  }
}
