package io.github.cloudeventshandler.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import io.github.cloudeventshandler.azure.internal.AzureSettings;
import io.github.cloudeventshandler.azure.internal.AzureTrigger;
import io.github.cloudeventshandler.azure.internal.HttpOutcome;
import io.github.cloudeventshandler.azure.internal.HttpTriggerFlow;
import io.github.cloudeventshandler.azure.internal.InvocationLog;
import io.github.cloudeventshandler.azure.internal.TraceProperties;
import io.github.cloudeventshandler.azure.internal.TriggerInput;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.core.spi.TraceContext;
import io.github.cloudeventshandler.servlet.ApplicationHandle;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Azure Functions bridge: one method per trigger, for an {@code @FunctionName} class to
 * delegate to. Each event becomes an in-process HTTP request to the servlet application ({@code
 * POST /microsoft.storage}, {@code POST /azure.storage.queue}, ...); the {@link ExecutionContext}
 * reaches the application as the request attribute {@code RequestAttributes.PLATFORM_CONTEXT} and
 * its logger receives one line per invocation.
 *
 * <pre>{@code
 * public class Functions {
 *   private static final AzureEventHandler HANDLER = new AzureEventHandler();
 *
 *   @FunctionName("queue")
 *   public void queue(@QueueTrigger(name = "msg", queueName = "orders") String msg,
 *       @BindingName("Id") String id, @BindingName("DequeueCount") long dequeueCount,
 *       @BindingName("InsertionTime") String insertionTime, ExecutionContext context) {
 *     HANDLER.queue(msg, id, dequeueCount, insertionTime, context);
 *   }
 * }
 * }</pre>
 *
 * <p>Failure contract: trigger methods return normally only when the application answered 2xx for
 * every record; otherwise they throw ({@link DispatchException} for records the application did not
 * handle, {@link BadEventException} for broken input), so the host retries, abandons, dead-letters
 * or poisons the message. {@link #http} never throws: each protocol gets its status (see the module
 * README's status table). Keep one handler per function class in a static field: the servlet
 * application starts once, on first use, and serves concurrent invocations.
 */
public final class AzureEventHandler implements AutoCloseable {
  private final Configuration configuration;
  private final EventPipeline pipeline;
  private final HttpTriggerFlow httpFlow;
  private final ApplicationHandle application;

  /** Configured from {@code CEH_*} environment variables; the servlet application from them. */
  public AzureEventHandler() {
    this(Configuration.fromEnvironment());
  }

  /** The servlet application named by {@code CEH_APPLICATION}, started on first use. */
  public AzureEventHandler(Configuration configuration) {
    this(configuration, ApplicationHandle.shared(configuration, "AzureEventHandler"));
  }

  /** Events go to this application (tests, custom embeddings). */
  public AzureEventHandler(Configuration configuration, Application application) {
    this(configuration, ApplicationHandle.of(application, "AzureEventHandler"));
  }

  private AzureEventHandler(Configuration configuration, ApplicationHandle application) {
    this.configuration = Objects.requireNonNull(configuration, "configuration");
    this.pipeline =
        EventPipeline.create(
            configuration, ClassifierRegistry.load(AzureEventHandler.class.getClassLoader()));
    this.httpFlow = new HttpTriggerFlow(pipeline, AzureSettings.from(configuration));
    this.application = application;
  }

  /**
   * Stops the servlet application this handler started (the process's shared one); an application
   * given to the constructor is the caller's to close. Idempotent; afterwards triggers throw {@link
   * DispatchException} and {@link #http} answers 503.
   */
  @Override
  public void close() {
    application.close();
  }

  /**
   * {@code @EventGridTrigger}: one event in the Event Grid or the CloudEvents schema (an array is
   * accepted too and handled all-or-nothing). Route: the type without its last segment, lower-cased
   * ({@code Microsoft.Storage.BlobCreated} → {@code /microsoft.storage}).
   *
   * @throws BadEventException when the event is malformed
   * @throws DispatchException when the application did not answer 2xx; Event Grid retries
   */
  public void eventGrid(String event, ExecutionContext context) {
    byte[] body = text(event, "event");
    trigger(AzureTrigger.EVENT_GRID, List.of(new TriggerInput.Item(body, Map.of())), body, context);
  }

  /**
   * {@code @QueueTrigger}: route {@code /azure.storage.queue}; bind {@code Id}, {@code
   * DequeueCount} and {@code InsertionTime} with {@code @BindingName}.
   *
   * @throws DispatchException when the application did not answer 2xx; the message becomes visible
   *     again and goes to the poison queue after the host's maximum dequeue count
   */
  public void queue(
      String message,
      String id,
      long dequeueCount,
      String insertionTime,
      ExecutionContext context) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", id);
    m.put("DequeueCount", dequeueCount);
    m.put("InsertionTime", insertionTime);
    single(AzureTrigger.STORAGE_QUEUE, text(message, "message"), m, context);
  }

  /**
   * {@code @ServiceBusQueueTrigger} / {@code @ServiceBusTopicTrigger}: route {@code
   * /azure.servicebus}; bind {@code MessageId}, {@code DeliveryCount} and {@code EnqueuedTimeUtc}.
   *
   * @throws DispatchException when the application did not answer 2xx; the message is abandoned,
   *     redelivered, and dead-lettered after {@code MaxDeliveryCount}
   */
  public void serviceBus(
      String message,
      String messageId,
      long deliveryCount,
      String enqueuedTimeUtc,
      ExecutionContext context) {
    serviceBus(message, messageId, deliveryCount, enqueuedTimeUtc, null, context);
  }

  /**
   * {@link #serviceBus(String, String, long, String, ExecutionContext)} with the message's {@code
   * ApplicationProperties} binding (may be null): a {@code traceparent} or {@code Diagnostic-Id}
   * property there becomes the request's W3C {@code traceparent} ({@code docs/tracing.md}).
   */
  public void serviceBus(
      String message,
      String messageId,
      long deliveryCount,
      String enqueuedTimeUtc,
      Map<String, ?> applicationProperties,
      ExecutionContext context) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("MessageId", messageId);
    m.put("DeliveryCount", deliveryCount);
    m.put("EnqueuedTimeUtc", enqueuedTimeUtc);
    m.put("ApplicationProperties", applicationProperties);
    single(AzureTrigger.SERVICE_BUS, text(message, "message"), m, context);
  }

  /**
   * {@code @EventHubTrigger} with cardinality {@code MANY}: one request per event to {@code
   * /azure.eventhubs}, in order, stopping at the first failure. {@code systemProperties} is the
   * {@code SystemPropertiesArray} binding, one entry per event ({@code SequenceNumber}, {@code
   * EnqueuedTimeUtc}, {@code Offset}, {@code PartitionKey}).
   *
   * @throws DispatchException when an event was not handled: Java functions cannot checkpoint part
   *     of a batch, so the whole batch is retried by the function's retry policy (without one, the
   *     host moves on: configure {@code @FixedDelayRetry} or {@code @ExponentialBackoffRetry})
   */
  public void eventHubs(
      List<String> events,
      List<? extends Map<String, ?>> systemProperties,
      ExecutionContext context) {
    eventHubs(events, systemProperties, null, context);
  }

  /**
   * {@link #eventHubs(List, List, ExecutionContext)} with the {@code PropertiesArray} binding (the
   * events' application properties, one entry per event; may be null): a {@code traceparent} or
   * {@code Diagnostic-Id} property there becomes that event's W3C {@code traceparent} ({@code
   * docs/tracing.md}).
   */
  public void eventHubs(
      List<String> events,
      List<? extends Map<String, ?>> systemProperties,
      List<? extends Map<String, ?>> properties,
      ExecutionContext context) {
    if (events == null) {
      throw missing("azure.eventhubs", "events");
    }
    if (systemProperties == null || systemProperties.size() != events.size()) {
      throw new BadEventException(
          Problem.INCONSISTENT,
          "azure azure.eventhubs: "
              + events.size()
              + " events but "
              + (systemProperties == null ? "no" : String.valueOf(systemProperties.size()))
              + " SystemPropertiesArray entries; bind @BindingName(\"SystemPropertiesArray\")");
    }
    List<TriggerInput.Item> items = new ArrayList<>(events.size());
    JsonArray whole = new JsonArray();
    for (int i = 0; i < events.size(); i++) {
      byte[] body = text(events.get(i), "events[" + i + "]");
      Map<String, Object> m = new LinkedHashMap<>();
      Map<String, ?> props = systemProperties.get(i);
      if (props != null) {
        props.forEach(m::put);
      }
      if (properties != null && i < properties.size()) {
        m.put("Properties", properties.get(i));
      }
      items.add(new TriggerInput.Item(body, m));
      whole.add(events.get(i));
    }
    trigger(
        AzureTrigger.EVENT_HUBS, items, whole.toString().getBytes(StandardCharsets.UTF_8), context);
  }

  /** {@link #eventHubs(List, List, ExecutionContext)} for array bindings. */
  public void eventHubs(
      String[] events, Map<String, Object>[] systemProperties, ExecutionContext context) {
    eventHubs(
        events == null ? null : Arrays.asList(events),
        systemProperties == null ? null : Arrays.asList(systemProperties),
        context);
  }

  /**
   * {@code @BlobTrigger}: route {@code /azure.storage.blob}, the blob's bytes as the body; bind the
   * path's {@code {name}} and {@code Uri}.
   *
   * @throws DispatchException when the application did not answer 2xx; the blob is retried and then
   *     reported to the {@code webjobs-blobtrigger-poison} queue
   */
  public void blob(byte[] content, String name, String uri, ExecutionContext context) {
    if (content == null) {
      throw missing("azure.storage.blob", "content");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", name);
    m.put("Uri", uri);
    single(AzureTrigger.BLOB, content, m, context);
  }

  /**
   * {@code @TimerTrigger}: route {@code /azure.timer}, the timer JSON as the body.
   *
   * @throws DispatchException when the application did not answer 2xx
   */
  public void timer(String timerInfo, ExecutionContext context) {
    single(AzureTrigger.TIMER, text(timerInfo, "timerInfo"), new LinkedHashMap<>(), context);
  }

  /**
   * {@code @CosmosDBTrigger} bound to a {@code String}: the JSON array of changed documents, one
   * request per document to {@code /azure.cosmosdb}, in order, stopping at the first failure.
   *
   * @throws BadEventException when the text is not a JSON array of objects
   * @throws DispatchException when a document was not handled; the lease does not advance
   */
  public void cosmosDb(String documents, ExecutionContext context) {
    byte[] body = text(documents, "documents");
    JsonElement json = StrictJson.parse(body, configuration.limits(), "azure azure.cosmosdb batch");
    if (!json.isJsonArray()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "azure azure.cosmosdb: expected a JSON array of documents but found "
              + StrictJson.kindOf(json));
    }
    List<String> docs = new ArrayList<>();
    EventField.root(json, RawEvent.AZURE, AzureTrigger.COSMOS_DB.kind())
        .elements()
        .forEach(e -> docs.add(e.json() == null ? "null" : e.json().toString()));
    cosmosDocuments(docs, body, context);
  }

  /** {@link #cosmosDb(String, ExecutionContext)} for a {@code List<String>} binding. */
  public void cosmosDb(List<String> documents, ExecutionContext context) {
    if (documents == null) {
      throw missing("azure.cosmosdb", "documents");
    }
    JsonArray whole = new JsonArray();
    for (String d : documents) {
      whole.add(
          StrictJson.parse(text(d, "document"), configuration.limits(), "azure.cosmosdb document"));
    }
    cosmosDocuments(documents, whole.toString().getBytes(StandardCharsets.UTF_8), context);
  }

  private void cosmosDocuments(List<String> docs, byte[] whole, ExecutionContext context) {
    List<TriggerInput.Item> items = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      byte[] body = text(docs.get(i), "documents[" + i + "]");
      JsonElement doc = StrictJson.parse(body, configuration.limits(), "azure.cosmosdb document");
      if (!doc.isJsonObject()) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            "azure azure.cosmosdb: document #" + i + " is " + StrictJson.kindOf(doc));
      }
      EventField id = EventField.root(doc, RawEvent.AZURE, AzureTrigger.COSMOS_DB.kind()).get("id");
      Map<String, Object> m = new LinkedHashMap<>();
      if (id.isString() || id.isNumber()) {
        id.optText().ifPresent(v -> m.put("id", v));
      }
      items.add(new TriggerInput.Item(body, m));
    }
    trigger(AzureTrigger.COSMOS_DB, items, whole, context);
  }

  /**
   * {@code @HttpTrigger} with a text body: Event Grid webhooks (validation handshake, arrays,
   * CloudEvents schema), the CloudEvents abuse-protection preflight, the Web PubSub upstream
   * protocol, CloudEvents over HTTP, and plain HTTP passed to the application. Never throws.
   */
  public HttpResponseMessage http(
      HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
    Optional<String> body = request.getBody() == null ? Optional.empty() : request.getBody();
    return http(
        request, body.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]), context);
  }

  /** {@link #http} for an {@code @HttpTrigger(dataType = "binary")} binding. */
  public HttpResponseMessage httpBytes(
      HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context) {
    Optional<byte[]> body = request.getBody() == null ? Optional.empty() : request.getBody();
    return http(request, body.orElse(new byte[0]), context);
  }

  /**
   * What {@link #http} does, for an HTTP server other than the Functions host (the container
   * ingress): the request as it arrived (method, raw path, query, headers, body), the answer to
   * send back. {@code accepted} narrows which classified events this endpoint takes; any other is
   * answered {@code 415} without calling the application. The abuse-protection preflight, the Web
   * PubSub protocol and the Event Grid validation handshake are recognised by their headers first.
   *
   * <pre>{@code
   * AppResponse a = handler.answer(request, e -> !e.isHttp()); // events only, no plain HTTP
   * }</pre>
   *
   * <p>Failure contract: never throws for what the request holds.
   */
  public AppResponse answer(AppRequest request, Predicate<ClassifiedEvent> accepted) {
    Objects.requireNonNull(accepted, "accepted");
    long start = System.nanoTime();
    RawEvent raw =
        RawEvent.builder(RawEvent.AZURE, request.body())
            .headers(request.headers())
            .request(request.method(), request.path(), request.query())
            .limits(configuration.limits())
            .build();
    HttpOutcome outcome =
        httpFlow.handle(raw, this::callApplication, null, configuration.timeout(), accepted);
    InvocationLog.http(null, request.method() + " " + request.path(), outcome, start);
    return outcome.reply();
  }

  private HttpResponseMessage http(
      HttpRequestMessage<?> request, byte[] body, ExecutionContext context) {
    long start = System.nanoTime();
    URI uri = request.getUri();
    String path =
        uri == null || uri.getRawPath() == null || uri.getRawPath().isEmpty()
            ? "/"
            : uri.getRawPath();
    String query = uri == null ? null : uri.getRawQuery();
    Headers.Builder h = Headers.builder();
    if (request.getHeaders() != null) {
      request
          .getHeaders()
          .forEach(
              (k, v) -> {
                if (k != null && v != null) {
                  h.add(k, v);
                }
              });
    }
    RawEvent raw =
        RawEvent.builder(RawEvent.AZURE, body)
            .headers(h.build())
            .request(request.getHttpMethod().name(), path, query)
            .platformContext(context)
            .limits(configuration.limits())
            .build();
    Application app = TraceContext.orDefault(this::callApplication, TraceProperties.of(context));
    HttpOutcome outcome = httpFlow.handle(raw, app, context, configuration.timeout());
    InvocationLog.http(context, request.getHttpMethod().name() + " " + path, outcome, start);
    return response(request, outcome.reply());
  }

  private void single(
      AzureTrigger trigger, byte[] body, Map<String, Object> metadata, ExecutionContext context) {
    trigger(trigger, List.of(new TriggerInput.Item(body, metadata)), body, context);
  }

  private void trigger(
      AzureTrigger trigger, List<TriggerInput.Item> items, byte[] whole, ExecutionContext context) {
    long start = System.nanoTime();
    String function =
        context == null || context.getFunctionName() == null
            ? "function"
            : context.getFunctionName();
    List<TriggerInput.Item> withInvocation = new ArrayList<>(items.size());
    String invocation = context == null ? null : context.getInvocationId();
    for (TriggerInput.Item item : items) {
      Map<String, Object> m = new LinkedHashMap<>(item.metadata());
      if (invocation != null) {
        m.putIfAbsent("InvocationId", invocation);
      }
      withInvocation.add(new TriggerInput.Item(item.body(), m));
    }
    TriggerInput input = new TriggerInput(trigger, function, withInvocation, context);
    RawEvent raw =
        RawEvent.builder(RawEvent.AZURE, whole)
            .platformContext(input)
            .limits(configuration.limits())
            .build();
    ClassifiedEvent event = null;
    try {
      event = pipeline.classify(raw);
      // W3C traceparent: the record's own (message properties, CloudEvent), else the invocation's
      Application app = TraceContext.orDefault(application.get(), TraceProperties.of(context));
      Duration budget = configuration.timeout().multipliedBy(Math.max(1, event.records().size()));
      DispatchResult result = pipeline.dispatch(event, app, context, budget);
      if (!result.allHandled()) {
        throw new DispatchException(
            "azure "
                + event.kind()
                + ": "
                + result.unhandled().size()
                + " of "
                + event.records().size()
                + " records not handled ("
                + result.firstFailureReason().orElse("-")
                + "); throwing so the host retries or dead-letters the invocation");
      }
      InvocationLog.trigger(context, event, "handled", start, null);
    } catch (CloudEventsHandlerException e) {
      InvocationLog.trigger(context, event, trigger.kind(), start, e);
      throw e;
    }
  }

  private AppResponse callApplication(AppRequest request) {
    return application.call(request);
  }

  private static HttpResponseMessage response(HttpRequestMessage<?> request, AppResponse reply) {
    HttpStatusType status;
    try {
      status = HttpStatus.valueOf(reply.status());
    } catch (IllegalArgumentException e) {
      status = HttpStatusType.custom(reply.status());
    }
    HttpResponseMessage.Builder b = request.createResponseBuilder(status);
    for (String name : reply.headers().names()) {
      List<String> values = reply.headers().all(name);
      if (name.equalsIgnoreCase("Set-Cookie")) {
        values.forEach(v -> b.header(name, v));
      } else {
        b.header(name, String.join(", ", values));
      }
    }
    if (reply.bodyLength() > 0) {
      b.body(reply.body());
    }
    return b.build();
  }

  private static byte[] text(String value, String field) {
    if (value == null) {
      throw new BadEventException(
          Problem.MISSING_FIELD, "azure trigger: the bound " + field + " is null");
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static BadEventException missing(String kind, String field) {
    return new BadEventException(
        Problem.MISSING_FIELD, "azure " + kind + ": the bound " + field + " is null");
  }
}
