package io.github.cloudeventshandler.runner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaHandler;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.gcp.BackgroundEntryPoint;
import io.github.cloudeventshandler.gcp.CloudEventsEntryPoint;
import io.github.cloudeventshandler.gcp.HttpEntryPoint;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse;
import io.github.cloudeventshandler.testing.platform.LocalGcpContext;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import io.github.cloudeventshandler.testing.platform.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one event through the real entry point it belongs to ({@code LambdaHandler}, {@code
 * CloudEventsEntryPoint}, {@code BackgroundEntryPoint}, {@code HttpEntryPoint}, {@code
 * AzureEventHandler}), all delivering to the one application, and collects the {@link Outcome}.
 * Entry points are made once per set of {@code CEH_*} settings (a corpus case may bring its own).
 * Thread-safe.
 */
final class Dispatcher {
  private static final Logger LAMBDA_LOG = LoggerFactory.getLogger("lambda");

  private final Function<Map<String, String>, Configuration> configurations;
  private final AnswerLog application;
  private final boolean allowCallbacks;
  private final Map<Map<String, String>, Handlers> handlers = new ConcurrentHashMap<>();

  /**
   * @param configurations the configuration for a corpus case's extra settings ({@code Map.of()}
   *     for none)
   * @param allowCallbacks whether CloudFormation events may PUT to a non-loopback {@code
   *     ResponseURL}
   */
  Dispatcher(
      Function<Map<String, String>, Configuration> configurations,
      AnswerLog application,
      boolean allowCallbacks) {
    this.configurations = configurations;
    this.application = application;
    this.allowCallbacks = allowCallbacks;
  }

  /** The entry points for one configuration, made on first use. */
  private final class Handlers {
    final Configuration configuration;
    private LambdaHandler lambda;
    private CloudEventsEntryPoint cloudEvents;
    private BackgroundEntryPoint background;
    private HttpEntryPoint http;
    private AzureEventHandler azure;
    private EventPipeline pipeline;

    Handlers(Configuration configuration) {
      this.configuration = configuration;
    }

    synchronized LambdaHandler lambda() {
      return lambda != null ? lambda : (lambda = new LambdaHandler(configuration, application));
    }

    synchronized CloudEventsEntryPoint cloudEvents() {
      return cloudEvents != null
          ? cloudEvents
          : (cloudEvents = new CloudEventsEntryPoint(configuration, application));
    }

    synchronized BackgroundEntryPoint background() {
      return background != null
          ? background
          : (background = new BackgroundEntryPoint(configuration, application));
    }

    synchronized HttpEntryPoint http() {
      return http != null ? http : (http = new HttpEntryPoint(configuration, application));
    }

    synchronized AzureEventHandler azure() {
      return azure != null ? azure : (azure = new AzureEventHandler(configuration, application));
    }

    synchronized EventPipeline pipeline() {
      return pipeline != null
          ? pipeline
          : (pipeline =
              EventPipeline.create(
                  configuration, ClassifierRegistry.load(Dispatcher.class.getClassLoader())));
    }
  }

  /** The configuration events with these extra settings are delivered with. */
  Configuration configuration(Map<String, String> settings) {
    return handlers(settings).configuration;
  }

  private Handlers handlers(Map<String, String> settings) {
    return handlers.computeIfAbsent(
        Map.copyOf(settings), s -> new Handlers(configurations.apply(s)));
  }

  /** Delivers the event through {@code entryPoint}; never throws for what the event or app did. */
  Outcome deliver(Incoming in, EntryPoint entryPoint) {
    Handlers h = handlers(in.settings());
    application.begin();
    AppResponse reply = null;
    RuntimeException error = null;
    try {
      reply = run(h, in, entryPoint);
    } catch (RuntimeException e) {
      error = e;
    }
    return new Outcome(in.label(), entryPoint, reply, error, application.end());
  }

  private AppResponse run(Handlers h, Incoming in, EntryPoint entryPoint) {
    switch (entryPoint) {
      case LAMBDA -> {
        guardCallback(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
          h.lambda()
              .handleRequest(
                  new ByteArrayInputStream(in.body()),
                  out,
                  LocalLambdaContext.builder()
                      .functionName("ceh-runner")
                      .timeout(h.configuration.timeout())
                      .logTo(LAMBDA_LOG::info)
                      .build());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return new AppResponse(
            200,
            Headers.builder().add("Content-Type", "application/json").build(),
            out.toByteArray());
      }
      case GCP_CLOUDEVENTS -> {
        h.cloudEvents().accept(StructuredCloudEvents.parse(in.body(), in.label()));
        return AppResponse.of(200);
      }
      case GCP_BACKGROUND -> {
        background(h.background(), in);
        return AppResponse.of(200);
      }
      case GCP_HTTP -> {
        LocalGcpHttpRequest request =
            LocalGcpHttpRequest.request(
                    in.isHttp() ? in.method() : "POST", in.isHttp() ? in.path() : "/")
                .query(in.query())
                .headers(withJsonContentType(in))
                .body(in.body());
        LocalGcpHttpResponse response = new LocalGcpHttpResponse();
        try {
          h.http().service(request, response);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return response.toAppResponse();
      }
      case AZURE_HTTP -> {
        String path = in.isHttp() ? in.path() : "/api/events";
        LocalAzureHttpRequest<Optional<byte[]>> request =
            LocalAzureHttpRequest.builder(
                    in.isHttp() ? in.method() : "POST",
                    in.query() == null ? path : path + "?" + in.query())
                .headers(withEventGridDeliveryType(in, withJsonContentType(in)))
                .bytes(in.body());
        return LocalAzureHttpResponse.of(
                h.azure().httpBytes(request, AzureTriggers.context("http", null)))
            .toAppResponse();
      }
      case CLOUDEVENTS_HTTP -> {
        Headers headers =
            in.isHttp()
                ? in.headers()
                : Headers.builder()
                    .add("Content-Type", "application/cloudevents+json; charset=utf-8")
                    .build();
        RawEvent raw =
            RawEvent.builder(RawEvent.HTTP, in.body())
                .headers(headers)
                .request(
                    in.isHttp() ? in.method() : "POST", in.isHttp() ? in.path() : "/", in.query())
                .limits(h.configuration.limits())
                .build();
        EventPipeline pipeline = h.pipeline();
        ClassifiedEvent event = pipeline.classify(raw);
        DispatchResult result =
            pipeline.dispatch(
                event,
                application,
                null,
                h.configuration.timeout().multipliedBy(event.records().size()));
        if (!result.allHandled()) {
          throw new DispatchException(
              "http "
                  + event.kind()
                  + ": not handled: "
                  + result.firstFailureReason().orElse("no 2xx answer"));
        }
        return result.lastResponse().orElse(AppResponse.of(204));
      }
      case AZURE_EVENTGRID -> {
        if (AzureTriggers.isRecording(in.body())) {
          AzureTriggers.invoke(h.azure(), entryPoint, in.body(), in.label());
        } else {
          h.azure().eventGrid(in.bodyText(), AzureTriggers.context("eventgrid", null));
        }
        return AppResponse.of(200);
      }
      default -> {
        AzureTriggers.invoke(h.azure(), entryPoint, in.body(), in.label());
        return AppResponse.of(200);
      }
    }
  }

  /**
   * A GCP legacy event split as the invoker does for a raw background function: the data as JSON
   * text, the context from {@code context} (or the top-level fields).
   */
  private static void background(BackgroundEntryPoint entryPoint, Incoming in) {
    LocalGcpContext.BackgroundInput split = LocalGcpContext.fromLegacyEvent(in.body());
    entryPoint.accept(split.data(), split.context());
  }

  private static String text(JsonElement e) {
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  /**
   * An Event Grid array without {@code aeg-event-type} (a recording, or {@code curl}) gets the
   * header Event Grid itself sends: {@code SubscriptionValidation} for a handshake, else {@code
   * Notification}; without it the Azure HTTP trigger would pass the array to the app as plain HTTP.
   */
  private static Headers withEventGridDeliveryType(Incoming in, Headers headers) {
    if (headers.contains("aeg-event-type")) {
      return headers;
    }
    return ProviderDetector.eventGridDeliveryType(in.body())
        .map(t -> headers.toBuilder().add("aeg-event-type", t).build())
        .orElse(headers);
  }

  private static Headers withJsonContentType(Incoming in) {
    if (in.isHttp() || in.headers().contains("Content-Type")) {
      return in.headers();
    }
    return in.headers().toBuilder().add("Content-Type", "application/json").build();
  }

  /**
   * A CloudFormation custom resource event makes {@code LambdaHandler} PUT its answer to the
   * event's pre-signed {@code ResponseURL}; a recorded one points at S3 on the internet. Unless
   * {@code --allow-callbacks}, only loopback URLs are allowed.
   */
  private void guardCallback(Incoming in) {
    if (allowCallbacks) {
      return;
    }
    JsonElement json;
    try {
      json = StrictJson.parse(in.body(), JsonLimits.DEFAULT, in.label());
    } catch (RuntimeException e) {
      return; // LambdaHandler reports it
    }
    if (!json.isJsonObject()) {
      return;
    }
    JsonObject o = json.getAsJsonObject();
    if (!o.has("ResponseURL") || !o.has("RequestType") || !o.has("LogicalResourceId")) {
      return;
    }
    String url = text(o.get("ResponseURL"));
    String host;
    try {
      host = url == null ? null : URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (host != null && List.of("127.0.0.1", "localhost", "[::1]", "::1").contains(host)) {
      return;
    }
    throw new DispatchException(
        "aws.cloudformation: not replayed without --allow-callbacks: LambdaHandler would PUT the"
            + " result to ResponseURL on "
            + host
            + " (or point ResponseURL at 127.0.0.1)");
  }
}
