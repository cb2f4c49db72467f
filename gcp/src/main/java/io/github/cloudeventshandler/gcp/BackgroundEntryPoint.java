package io.github.cloudeventshandler.gcp;

import com.google.cloud.functions.Context;
import com.google.cloud.functions.RawBackgroundFunction;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.gcp.internal.BinaryCloudEvents;
import io.github.cloudeventshandler.gcp.internal.GcpRuntime;
import io.github.cloudeventshandler.gcp.internal.LegacyEvent;
import io.github.cloudeventshandler.gcp.internal.LegacyEventConverter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * The Functions Framework entry point for gen1 legacy background events (Cloud Storage, Pub/Sub,
 * Firestore, Firebase triggers): each event is first converted to the CloudEvent the Functions
 * Framework would produce (protocols.md §3.4), then delivered like {@link CloudEventsEntryPoint}
 * delivers it.
 *
 * <pre>{@code
 * gcloud functions deploy books --no-gen2 --runtime=java17 \
 *     --entry-point=io.github.cloudeventshandler.gcp.BackgroundEntryPoint \
 *     --trigger-resource=my-bucket --trigger-event=google.storage.object.finalize
 * }</pre>
 *
 * <p>Failure contract: returns normally only when the application answered 2xx; throws {@link
 * BadEventException} for a broken event (no context, no eventId, data that is not JSON), {@link
 * io.github.cloudeventshandler.core.UnrecognizedEventException} for a legacy {@code eventType} the
 * Functions Framework does not convert, and {@link DispatchException} for any other answer.
 */
public final class BackgroundEntryPoint implements RawBackgroundFunction, AutoCloseable {
  private final GcpRuntime runtime;

  /** Configures itself from {@code CEH_*} settings; the application starts on the first event. */
  public BackgroundEntryPoint() {
    this(Configuration.fromEnvironment());
  }

  /** Uses these settings; the application ({@code CEH_APPLICATION}) starts on the first event. */
  public BackgroundEntryPoint(Configuration configuration) {
    this.runtime = GcpRuntime.create(configuration);
  }

  /** Uses these settings and delivers to this application (tests, custom hosting). */
  public BackgroundEntryPoint(Configuration configuration, Application application) {
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
  public void accept(String json, Context context) {
    long start = System.nanoTime();
    ClassifiedEvent classified = null;
    try {
      LegacyEvent legacy = legacyEvent(json, context);
      CloudEvent event = LegacyEventConverter.convert(legacy);
      RawEvent raw = BinaryCloudEvents.toRawEvent(event, context, runtime.configuration().limits());
      ClassifiedEvent c = runtime.classify(raw);
      classified =
          new ClassifiedEvent(
              c.provider(), c.kind(), c.delivery(), GcpReply.BACKGROUND, c.records(), c.whole());
      DispatchResult result = runtime.dispatch(classified, context);
      if (!result.allHandled()) {
        throw new DispatchException(
            legacy.describe()
                + " was not handled: "
                + result.firstFailureReason().orElse("no 2xx answer"));
      }
      GcpRuntime.log("background", classified, "handled", start);
    } catch (RuntimeException e) {
      GcpRuntime.log("background", classified, e.getClass().getSimpleName(), start);
      throw e;
    }
  }

  private LegacyEvent legacyEvent(String json, Context context) {
    if (context == null) {
      throw new BadEventException(
          Problem.MISSING_FIELD,
          "gcp legacy event: no context (eventId, eventType, resource) came with the data");
    }
    String eventType = context.eventType();
    String eventId = context.eventId();
    if (eventType == null || eventType.isBlank()) {
      throw new BadEventException(
          Problem.MISSING_FIELD,
          "gcp legacy event '" + eventId + "': context.eventType is missing");
    }
    String what = "gcp legacy event '" + eventId + "' of type '" + eventType + "'";
    if (eventId == null || eventId.isBlank()) {
      throw new BadEventException(
          Problem.MISSING_FIELD,
          "gcp legacy event of type '" + eventType + "': context.eventId is missing");
    }
    if (json == null) {
      throw new BadEventException(Problem.MISSING_FIELD, what + ": data is missing");
    }
    JsonElement data =
        StrictJson.parse(
            json.getBytes(StandardCharsets.UTF_8),
            runtime.configuration().limits(),
            what + ": data");
    String resource = context.resource();
    if (resource == null || resource.isBlank()) {
      throw new BadEventException(Problem.MISSING_FIELD, what + ": context.resource is missing");
    }
    String service = null;
    String name = resource;
    if (resource.trim().startsWith("{")) {
      JsonObject r =
          StrictJson.parseObject(
              resource.getBytes(StandardCharsets.UTF_8),
              runtime.configuration().limits(),
              what + ": context.resource");
      EventField fields =
          EventField.root(r, RawEvent.GCP, eventType, "context.resource").withEventId(eventId);
      name = fields.get("name").optStringOrEmpty().orElse(null);
      service = fields.get("service").optStringOrEmpty().orElse(null);
      if (name == null || name.isBlank()) {
        throw new BadEventException(
            Problem.MISSING_FIELD, what + ": context.resource.name is missing");
      }
    }
    return new LegacyEvent(
        eventId, context.timestamp(), eventType, service, name, domain(context), data);
  }

  /**
   * The Realtime Database {@code domain}: the Functions Framework keeps it on its context object (a
   * {@code domain()} method outside the public {@link Context} API), other hosts may put it in
   * {@link Context#attributes()}. Null when neither has it (then {@code us-central1} is assumed).
   */
  private static String domain(Context context) {
    for (Class<?> c = context.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Method m = c.getDeclaredMethod("domain");
        if (m.getReturnType() == String.class) {
          m.setAccessible(true);
          Object v = m.invoke(context);
          if (v instanceof String s && !s.isBlank()) {
            return s;
          }
          break;
        }
      } catch (NoSuchMethodException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        break;
      }
    }
    String fromAttributes =
        context.attributes() == null ? null : context.attributes().get("domain");
    return fromAttributes == null || fromAttributes.isBlank() ? null : fromAttributes;
  }
}
