package io.github.cloudeventshandler.core.spi;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BatchMode;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.PayloadMode;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.RequestDefaults;
import io.github.cloudeventshandler.core.RouteOverrides;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.classifier.StandardReply;
import io.github.cloudeventshandler.core.internal.SharedBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The provider-neutral flow ({@code docs/architecture.md}, "The flow of one invocation"): classify
 * a {@link RawEvent}, turn each record into the {@link AppRequest} of the request contract, call
 * the {@link Application} and collect one {@link RecordOutcome} per record according to the event's
 * {@link Delivery}. Entry points of the cloud modules wrap it and turn the {@link DispatchResult}
 * into their platform's reply. Immutable and thread-safe; build one per cold start.
 *
 * <pre>{@code
 * EventPipeline pipeline = EventPipeline.create(Configuration.fromEnvironment(),
 *     ClassifierRegistry.load(MyHandler.class.getClassLoader()));
 * ClassifiedEvent event = pipeline.classify(raw);
 * DispatchResult result = pipeline.dispatch(event, app, lambdaContext, Duration.ofSeconds(10));
 * }</pre>
 */
public final class EventPipeline {
  /** The kind given to events routed by {@code CEH_UNRECOGNIZED}. */
  public static final String UNRECOGNIZED_KIND = "unrecognized";

  private final Configuration configuration;
  private final ClassifierRegistry registry;

  private EventPipeline(Configuration configuration, ClassifierRegistry registry) {
    this.configuration = Objects.requireNonNull(configuration, "configuration");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** A pipeline with these settings and classifiers. */
  public static EventPipeline create(Configuration configuration, ClassifierRegistry registry) {
    return new EventPipeline(configuration, registry);
  }

  /** The settings. */
  public Configuration configuration() {
    return configuration;
  }

  /** The classifiers. */
  public ClassifierRegistry registry() {
    return registry;
  }

  /**
   * Classifies a raw event; unrecognised events go to the {@code CEH_UNRECOGNIZED} route when one
   * is configured.
   *
   * @throws UnrecognizedEventException when nothing recognises it and no fallback is configured
   * @throws BadEventException when the event is recognised but broken, or, with no fallback
   *     configured, when nothing recognises it and its body is over the size cap or broken JSON
   */
  public ClassifiedEvent classify(RawEvent raw) {
    var found = registry.find(raw);
    if (found.isPresent()) {
      return found.get();
    }
    String fallback = configuration.unrecognizedRoute().orElse(null);
    if (fallback == null) {
      throw ClassifierRegistry.unrecognized(raw);
    }
    Payload body = raw.payload(raw.contentType().orElse("application/octet-stream"));
    AppRequest request =
        AppRequest.builder(
                configuration.requestDefaults().method(),
                RoutePaths.join(configuration.requestDefaults().pathPrefix(), fallback))
            .header("Content-Type", body.contentType())
            .body(SharedBytes.of(body))
            .build();
    return new ClassifiedEvent(
        raw.provider(),
        UNRECOGNIZED_KIND,
        Delivery.ALL_OR_NOTHING,
        StandardReply.EVENT,
        List.of(new EventRecord(null, fallback, null, null, null, request)),
        body);
  }

  /** The requests an event produces, with the route decision for each, without dispatching. */
  public Explanation explain(RawEvent raw) {
    ClassifiedEvent event = classify(raw);
    List<RouteOverrides.Decision> decisions = new ArrayList<>();
    List<AppRequest> requests = requests(event, null, configuration.timeout(), decisions);
    return new Explanation(event, decisions, requests);
  }

  /**
   * Builds the requests for an event: one per record, or one for the whole event in whole-batch
   * mode (HTTP requests always go one by one).
   *
   * @param platformContext handed to the app as {@link RequestAttributes#PLATFORM_CONTEXT}; may be
   *     null
   */
  public List<AppRequest> requests(
      ClassifiedEvent event, Object platformContext, Duration timeout) {
    return requests(event, platformContext, timeout, new ArrayList<>());
  }

  private List<AppRequest> requests(
      ClassifiedEvent event,
      Object platformContext,
      Duration timeout,
      List<RouteOverrides.Decision> decisions) {
    checkSendable(event);
    byte[] raw = event.whole().bytes();
    if (isWhole(event)) {
      return List.of(wholeRequest(event, platformContext, raw, timeout, decisions));
    }
    List<AppRequest> out = new ArrayList<>(event.records().size());
    for (EventRecord record : event.records()) {
      out.add(recordRequest(event, record, platformContext, raw, timeout, decisions));
    }
    return out;
  }

  /**
   * Checks, before anything is sent, what could make a record's request one the bridge refuses: its
   * route and the {@code Content-Type} of the payload it will carry. Everything else a request is
   * built from is bounded by construction ({@code ce-*} headers, routes) or checked when it is
   * built (the single request of an HTTP event).
   *
   * @throws BadEventException {@link BadEventException.Problem#UNSAFE_PATH} or {@link
   *     BadEventException.Problem#UNSAFE_HEADER} naming the record
   */
  private void checkSendable(ClassifiedEvent event) {
    if (isWhole(event)) {
      SendableRequests.checkContentType(event.whole().contentType(), describe(event, null));
    }
    // the records of a batch usually share one route and one content type: check each value once
    String checked = null;
    String checkedType = null;
    boolean whole = isWhole(event);
    boolean unwrapped = configuration.payload() == PayloadMode.UNWRAPPED;
    for (EventRecord record : event.records()) {
      if (record.httpRequest() != null) {
        continue;
      }
      if (!record.route().equals(checked)) {
        checked = RoutePaths.checkRoute(record.route());
      }
      if (!whole) {
        String type =
            (unwrapped ? record.unwrappedPayload() : record.nativePayload()).contentType();
        if (!type.equals(checkedType)) {
          SendableRequests.checkContentType(type, describe(event, record));
          checkedType = type;
        }
      }
    }
  }

  private static String describe(ClassifiedEvent event, EventRecord record) {
    String which =
        record == null
            ? " event"
            : record.httpRequest() != null ? " request" : " record " + record.displayId();
    return event.provider() + " " + event.kind() + which;
  }

  private boolean isWhole(ClassifiedEvent event) {
    return configuration.batch() == BatchMode.WHOLE && !event.isHttp();
  }

  /** The one request of whole-batch mode. */
  private AppRequest wholeRequest(
      ClassifiedEvent event,
      Object platformContext,
      byte[] raw,
      Duration timeout,
      List<RouteOverrides.Decision> decisions) {
    RequestDefaults defaults = configuration.requestDefaults();
    EventRecord first = event.records().get(0);
    RouteOverrides.Decision d = configuration.routes().resolve(event.kind(), first);
    decisions.add(d);
    // One record: the request describes it fully (ce-* headers, CloudEvent attribute). Several:
    // no record's attributes would be true of the whole body, so none are sent.
    EventRecord only = event.records().size() == 1 ? first : null;
    Headers.Builder h = Headers.builder();
    if (only != null && only.cloudEvent() != null) {
      CloudEventHeaders.write(only.cloudEvent(), h);
      TraceContext.of(only.cloudEvent()).ifPresent(t -> t.writeTo(h));
    }
    h.add("Content-Type", event.whole().contentType());
    return AppRequest.builder(defaults.method(), RoutePaths.join(defaults.pathPrefix(), d.route()))
        .headers(withDefaults(h, defaults))
        .body(raw)
        .attributes(attributes(event, only, platformContext, raw, true, timeout))
        .timeout(timeout)
        .maxResponseBytes(event.reply().maxResponseBytes())
        .build();
  }

  /** The request for one record: the HTTP request it carries, or the event request of §4. */
  private AppRequest recordRequest(
      ClassifiedEvent event,
      EventRecord record,
      Object platformContext,
      byte[] raw,
      Duration timeout,
      List<RouteOverrides.Decision> decisions) {
    RequestDefaults defaults = configuration.requestDefaults();
    if (record.httpRequest() != null) {
      AppRequest r = SendableRequests.normalise(record.httpRequest(), describe(event, record));
      boolean platformEvent = UNRECOGNIZED_KIND.equals(event.kind());
      decisions.add(new RouteOverrides.Decision(r.path(), platformEvent ? "unrecognized" : "http"));
      return r.toBuilder()
          .headers(withDefaults(r.headers().toBuilder(), defaults))
          .attributes(attributes(event, record, platformContext, raw, platformEvent, timeout))
          .timeout(timeout)
          .maxResponseBytes(event.reply().maxResponseBytes())
          .build();
    }
    RouteOverrides.Decision d = configuration.routes().resolve(event.kind(), record);
    decisions.add(d);
    Payload payload =
        configuration.payload() == PayloadMode.UNWRAPPED
            ? record.unwrappedPayload()
            : record.nativePayload();
    Headers.Builder h = Headers.builder();
    CloudEventHeaders.write(record.cloudEvent(), h);
    TraceContext.of(record.cloudEvent()).ifPresent(t -> t.writeTo(h));
    h.add("Content-Type", payload.contentType());
    return AppRequest.builder(defaults.method(), RoutePaths.join(defaults.pathPrefix(), d.route()))
        .headers(withDefaults(h, defaults))
        .body(SharedBytes.of(payload))
        .attributes(attributes(event, record, platformContext, raw, true, timeout))
        .timeout(timeout)
        .maxResponseBytes(event.reply().maxResponseBytes())
        .build();
  }

  private static Headers withDefaults(Headers.Builder h, RequestDefaults defaults) {
    for (String name : defaults.headers().names()) {
      if (!h.contains(name)) {
        defaults.headers().all(name).forEach(v -> h.add(name, v));
      }
    }
    return h.build();
  }

  /**
   * The request attributes; {@code raw} is one copy of the event bytes shared by all records, and
   * the deadline is now plus the time the request is given.
   */
  private static Map<String, Object> attributes(
      ClassifiedEvent event,
      EventRecord record,
      Object platformContext,
      byte[] raw,
      boolean platformEvent,
      Duration timeout) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put(RequestAttributes.DEADLINE, Instant.now().plus(timeout));
    a.put(RequestAttributes.KIND, event.kind());
    a.put(RequestAttributes.PROVIDER, event.provider());
    a.put(RequestAttributes.RAW_EVENT, raw);
    if (platformContext != null) {
      a.put(RequestAttributes.PLATFORM_CONTEXT, platformContext);
    }
    if (record != null && record.cloudEvent() != null) {
      a.put(RequestAttributes.CLOUD_EVENT, record.cloudEvent());
    }
    if (record != null && record.itemId() != null) {
      a.put(RequestAttributes.ITEM_ID, record.itemId());
    }
    if (platformEvent) {
      a.put(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE);
    }
    return a;
  }

  /**
   * Dispatches an event to the application and collects one outcome per record. Never throws for a
   * record the application failed: that is a {@link RecordOutcome.Failed}. Within {@code budget},
   * each request gets the time that is left; a record reached after the budget is spent fails
   * without being sent.
   *
   * <p>A request the application's HTTP server refuses before the application sees it (the bridge
   * throws {@link BadEventException}: an ambiguous path, a header section over the limit) is the
   * sender's fault, not the application's: an HTTP proxy record gets the problem's status ({@code
   * 400}) as its answer, as a server would give it; a record of an {@link Delivery#ALL_OR_NOTHING}
   * event rethrows the exception (the event is broken); a record of a batch that reports records
   * one by one fails alone.
   *
   * @param platformContext handed to the app as {@link RequestAttributes#PLATFORM_CONTEXT}; may be
   *     null
   * @param budget the time all requests together may take
   * @throws BadEventException when a record of an all-or-nothing event cannot be delivered as HTTP
   */
  public DispatchResult dispatch(
      ClassifiedEvent event, Application application, Object platformContext, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    checkSendable(event);
    byte[] raw = event.whole().bytes();
    List<RouteOverrides.Decision> decisions = new ArrayList<>(event.records().size());
    List<RecordOutcome> outcomes = new ArrayList<>(event.records().size());
    if (isWhole(event)) {
      // whole-batch mode: one request, one answer for every record
      EventRecord first = event.records().get(0);
      long left = deadline - System.nanoTime();
      RecordOutcome one =
          left <= 0
              ? outOfTime(first)
              : call(
                  application,
                  wholeRequest(event, platformContext, raw, Duration.ofNanos(left), decisions),
                  event,
                  first);
      for (EventRecord r : event.records()) {
        outcomes.add(rebind(one, r));
      }
      return new DispatchResult(event, outcomes);
    }
    boolean stopAtFirstFailure = event.delivery() != Delivery.PER_RECORD;
    String stopReason = null;
    for (EventRecord record : event.records()) {
      if (stopReason != null) {
        outcomes.add(new RecordOutcome.Skipped(record, stopReason));
        continue;
      }
      // each request is built when it is sent, with exactly the time that is left
      long left = deadline - System.nanoTime();
      RecordOutcome o =
          left <= 0
              ? outOfTime(record)
              : send(application, event, record, platformContext, raw, left, decisions);
      outcomes.add(o);
      if (!o.isHandled() && stopAtFirstFailure) {
        stopReason =
            "not sent: record "
                + record.displayId()
                + " before it failed and "
                + (event.delivery() == Delivery.ORDERED
                    ? "order must be kept"
                    : "the event is retried as a whole");
      }
    }
    return new DispatchResult(event, outcomes);
  }

  private RecordOutcome outOfTime(EventRecord record) {
    AppRequest http = record.httpRequest();
    String target =
        http != null
            ? http.method() + " " + http.path()
            : configuration.requestDefaults().method() + " " + record.route();
    return new RecordOutcome.Failed(
        record,
        null,
        "not sent: the time budget ran out before " + target + " for record " + record.displayId());
  }

  private static RecordOutcome rebind(RecordOutcome o, EventRecord r) {
    if (o instanceof RecordOutcome.Handled h) {
      return new RecordOutcome.Handled(r, h.response());
    } else if (o instanceof RecordOutcome.Failed f) {
      return new RecordOutcome.Failed(r, f.response(), f.reason());
    }
    return new RecordOutcome.Skipped(r, ((RecordOutcome.Skipped) o).reason());
  }

  /**
   * Builds a record's request and calls the application. An HTTP request core cannot send as it is
   * (a path or header Jetty would refuse) is the client's bad request, answered like one.
   */
  private RecordOutcome send(
      Application application,
      ClassifiedEvent event,
      EventRecord record,
      Object platformContext,
      byte[] raw,
      long left,
      List<RouteOverrides.Decision> decisions) {
    AppRequest request;
    try {
      request =
          recordRequest(event, record, platformContext, raw, Duration.ofNanos(left), decisions);
    } catch (BadEventException e) {
      if (record.httpRequest() == null) {
        throw e;
      }
      AppRequest http = record.httpRequest();
      return refused(record, http.method() + " " + http.path(), e);
    }
    return call(application, request, event, record);
  }

  /**
   * The answer a server gives a client's request it cannot accept: the problem's status and what
   * was wrong with the client's own request (nothing of the application's).
   */
  private static RecordOutcome refused(EventRecord record, String what, BadEventException e) {
    AppResponse response =
        AppResponse.of(
            e.problem().httpStatus(),
            "text/plain; charset=utf-8",
            "bad request: " + e.getMessage() + "\n");
    return new RecordOutcome.Failed(record, response, what + " was refused: " + e.getMessage());
  }

  private static RecordOutcome call(
      Application application, AppRequest request, ClassifiedEvent event, EventRecord record) {
    AppResponse response;
    try {
      response = application.call(request);
    } catch (BadEventException e) {
      if (record.httpRequest() != null) {
        // the HTTP client sent a request no server would accept: it gets the answer a server gives
        return refused(record, what(request, record), e);
      }
      if (event.delivery() == Delivery.ALL_OR_NOTHING) {
        throw e;
      }
      return new RecordOutcome.Failed(
          record, null, what(request, record) + " cannot be delivered: " + e.getMessage());
    } catch (RuntimeException e) {
      return new RecordOutcome.Failed(record, null, what(request, record) + " failed: " + e);
    }
    if (response.isSuccess()) {
      return new RecordOutcome.Handled(record, response);
    }
    return new RecordOutcome.Failed(
        record, response, "HTTP " + response.status() + " from " + what(request, record));
  }

  /** The request and record, for failure reasons (built only when a record fails). */
  private static String what(AppRequest request, EventRecord record) {
    return request.method() + " " + request.path() + " for record " + record.displayId();
  }
}
