package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.azure.AzureReply;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.RecordOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Everything the Azure HTTP trigger does, free of Azure types: the CloudEvents abuse-protection
 * preflight, the Web PubSub upstream protocol, the Event Grid validation handshake and webhook
 * deliveries, CloudEvents over HTTP and plain HTTP, each answered with the status its protocol
 * expects. Exceptions never escape: bad input becomes its {@link Problem#httpStatus()}, an
 * unrecognised event 400, a misconfiguration 500. Thread-safe.
 */
public final class HttpTriggerFlow {
  private final EventPipeline pipeline;
  private final AzureSettings settings;
  private final boolean httpEventsTrusted;
  private final WebPubSubClassifier webPubSub = new WebPubSubClassifier();

  /** A flow over this pipeline and these settings. */
  public HttpTriggerFlow(EventPipeline pipeline, AzureSettings settings) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.httpEventsTrusted =
        pipeline
            .configuration()
            .setting(Configuration.HTTP_EVENTS_TRUSTED)
            .map(v -> v.trim().equalsIgnoreCase("true"))
            .orElse(false);
  }

  /**
   * Answers one HTTP request.
   *
   * @param raw the request (provider {@code azure}, with method, path and headers)
   * @param app the application
   * @param context handed to the application as the platform context
   * @param budget the time the application may take in all
   */
  public HttpOutcome handle(RawEvent raw, Application app, Object context, Duration budget) {
    return handle(raw, app, context, budget, e -> true);
  }

  /**
   * Answers one HTTP request, taking only the classified events {@code accepted} allows: any other
   * is answered {@code 415} without calling the application. The preflight, the Web PubSub protocol
   * and the validation handshake are answered before classification, so they are not subject to
   * {@code accepted}.
   */
  public HttpOutcome handle(
      RawEvent raw,
      Application app,
      Object context,
      Duration budget,
      Predicate<ClassifiedEvent> accepted) {
    try {
      String method = raw.method().orElseThrow();
      if (method.equals("OPTIONS")) {
        if (raw.header(WebhookPreflight.ORIGIN).isPresent()
            || raw.header("Access-Control-Request-Method").isEmpty()) {
          once(raw, n -> n.equals("webhook-request-origin"), "azure webhook preflight");
          return WebhookPreflight.answer(raw, settings);
        }
      }
      if (WebPubSubClassifier.isWebPubSub(raw)) {
        return webPubSub(raw, app, context, budget);
      }
      if (looksLikeEvent(raw)) {
        once(raw, HttpTriggerFlow::eventHeader, "azure http event");
      }
      String delivery = raw.header(EventGridClassifier.EVENT_TYPE_HEADER).orElse(null);
      if (SubscriptionValidation.DELIVERY.equals(delivery)) {
        return SubscriptionValidation.answer(raw, settings);
      }
      if (delivery != null) {
        checkSubscription(raw);
      }
      ClassifiedEvent event = pipeline.classify(raw);
      if (!accepted.test(event)) {
        return new HttpOutcome(
            text(
                415,
                "azure http: this endpoint does not take "
                    + (event.isHttp() ? "plain HTTP requests" : event.kind() + " events")),
            event.kind(),
            event.records().get(0).displayId(),
            "rejected 415: not accepted here");
      }
      // nothing here proves who posted the event (aeg-* headers can be forged): unless the host
      // guards the endpoint (CEH_HTTP_EVENTS_TRUSTED), it is not a platform event for the app
      Application target = httpEventsTrusted ? app : Application.unverified(app);
      DispatchResult result = pipeline.dispatch(event, target, context, budget);
      if (event.isHttp()) {
        return passThrough(result);
      }
      if (event.reply() == AzureReply.EVENT_GRID_WEBHOOK || event.records().size() > 1) {
        return allOrNothing(result);
      }
      return passThrough(result);
    } catch (BadEventException e) {
      return error(e.problem().httpStatus(), raw, e);
    } catch (UnrecognizedEventException e) {
      return error(400, raw, e);
    } catch (ConfigurationException e) {
      return failure(500, "the function is not configured to accept this request", raw, e);
    } catch (CloudEventsHandlerException e) {
      return failure(503, "the event could not be delivered", raw, e);
    }
  }

  private void checkSubscription(RawEvent raw) {
    if (settings.allowedSubscriptions().isEmpty()) {
      return;
    }
    String name = raw.header("aeg-subscription-name").orElse("");
    if (!settings.subscriptionAllowed(name)) {
      throw new BadEventException(
          Problem.FORBIDDEN,
          "azure eventgrid delivery: subscription '"
              + name
              + "' is not in "
              + AzureSettings.EVENTGRID_ALLOWED_SUBSCRIPTIONS);
    }
  }

  /**
   * Whether a request is read as an event (Event Grid delivery, binary or structured CloudEvent)
   * rather than passed through as plain HTTP, whose headers are the application's business.
   */
  private static boolean looksLikeEvent(RawEvent raw) {
    for (var f : raw.headers().fields()) {
      String name = f.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("aeg-")
          || name.equals("ce-specversion")
          || (name.equals("content-type")
              && f.getValue()
                  .strip()
                  .toLowerCase(Locale.ROOT)
                  .startsWith("application/cloudevents"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Headers an event request is read by: the {@code ce-*} attributes of binary mode, Event Grid's
   * {@code aeg-*} delivery headers (handshake or delivery, subscription allow list), and {@code
   * Content-Type} (structured or binary, the data's media type). Each must appear once.
   */
  private static boolean eventHeader(String lowerCaseName) {
    return lowerCaseName.startsWith("ce-")
        || lowerCaseName.startsWith("aeg-")
        || lowerCaseName.equals("content-type");
  }

  /**
   * Web PubSub: the signature covers {@code ce-connectionId}, and {@code ce-type}, {@code ce-hub},
   * {@code ce-eventName}, {@code ce-userId}, … decide what the app is told, so every {@code ce-*}
   * header, {@code Content-Type} and {@code WebHook-Request-Origin} must appear once. A second
   * {@code ce-signature} or {@code ce-connectionId} leaves the request unauthenticated (401); any
   * other duplicate is a bad request (400).
   */
  private static void onceForWebPubSub(RawEvent raw, String what) {
    String name =
        HeaderValues.duplicated(
            raw.headers(),
            n ->
                n.startsWith("ce-")
                    || n.equals("content-type")
                    || n.equals("webhook-request-origin"));
    if (name != null) {
      boolean signed = name.equals("ce-signature") || name.equals("ce-connectionid");
      throw new BadEventException(
          signed ? Problem.UNAUTHENTICATED : Problem.DUPLICATE_KEY,
          what
              + ": header "
              + name
              + " appears more than once (letter case aside); the service sends each once");
    }
  }

  /** Refuses a request in which a selected header appears twice (letter case aside). */
  private static void once(RawEvent raw, Predicate<String> selected, String what) {
    String name = HeaderValues.duplicated(raw.headers(), selected);
    if (name != null) {
      throw new BadEventException(
          Problem.DUPLICATE_KEY,
          what + ": header " + name + " appears more than once (letter case aside)");
    }
  }

  private HttpOutcome webPubSub(RawEvent raw, Application app, Object context, Duration budget) {
    onceForWebPubSub(raw, "azure webpubsub request " + raw.header("ce-id").orElse("-"));
    String connection =
        raw.header("ce-connectionId")
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new BadEventException(
                        Problem.MISSING_FIELD,
                        "azure webpubsub request "
                            + raw.header("ce-id").orElse("-")
                            + ": header ce-connectionId is missing"));
    String what = "azure webpubsub request " + raw.header("ce-id").orElse("-");
    if (!settings.signature().hasKeys()) {
      throw new ConfigurationException(
          AzureSettings.WEBPUBSUB_KEYS
              + " is not set: Web PubSub requests cannot be verified, so none is accepted");
    }
    settings.signature().verify(connection, raw.header("ce-signature").orElse(null), what);
    ClassifiedEvent event = webPubSub.classify(raw).orElseThrow();
    String type = event.records().get(0).cloudEvent().getType();
    DispatchResult result = pipeline.dispatch(event, app, context, budget);
    RecordOutcome o = result.outcomes().get(0);
    AppResponse response =
        o instanceof RecordOutcome.Handled h
            ? h.response()
            : o instanceof RecordOutcome.Failed f ? f.response() : null;
    String id = event.records().get(0).displayId();
    if (response == null || (!o.isHandled() && response.status() >= 500)) {
      return new HttpOutcome(
          text(500, "the application failed"),
          event.kind(),
          id,
          "failed: " + result.firstFailureReason().orElse("-"));
    }
    Headers.Builder h = Headers.builder();
    if (response.bodyLength() > 0) {
      h.add("Content-Type", response.contentType().orElse("application/octet-stream"));
    }
    if (o.isHandled() && WebPubSubClassifier.isBlocking(type)) {
      var states = response.headers().all("ce-connectionState");
      if (states.size() > 1) {
        return new HttpOutcome(
            text(500, "the application sent " + states.size() + " ce-connectionState headers"),
            event.kind(),
            id,
            "failed: more than one ce-connectionState");
      }
      states.forEach(s -> h.add("ce-connectionState", s));
    }
    if (o.isHandled()
        && type.equals(WebPubSubClassifier.CONNECT)
        && response.status() == 200
        && response.bodyLength() > 0) {
      String problem = ConnectResponse.check(raw, response);
      if (problem != null) {
        return new HttpOutcome(
            text(500, "the application's connect response " + problem),
            event.kind(),
            id,
            "failed: connect response " + problem);
      }
    }
    return new HttpOutcome(
        new AppResponse(response.status(), h.build(), response.body()),
        event.kind(),
        id,
        o.isHandled() ? "handled" : "rejected by the application: HTTP " + response.status());
  }

  private static HttpOutcome allOrNothing(DispatchResult result) {
    ClassifiedEvent event = result.event();
    String id = event.records().get(0).displayId();
    if (result.allHandled()) {
      return new HttpOutcome(
          AppResponse.of(200), event.kind(), id, "handled " + event.records().size());
    }
    String reason = result.firstFailureReason().orElse("-");
    return new HttpOutcome(
        text(503, "not handled, deliver again"), event.kind(), id, "failed: " + reason);
  }

  private static HttpOutcome passThrough(DispatchResult result) {
    ClassifiedEvent event = result.event();
    String id = event.records().get(0).displayId();
    var last = result.lastResponse();
    if (last.isEmpty()) {
      String reason = result.firstFailureReason().orElse("-");
      return new HttpOutcome(
          text(502, "the application could not answer"), event.kind(), id, "failed: " + reason);
    }
    return new HttpOutcome(
        last.get(),
        event.kind(),
        id,
        result.allHandled() ? "handled" : "HTTP " + last.get().status());
  }

  /**
   * A failure on this side (configuration, delivery): the caller gets a generic text, the log line
   * of the invocation keeps the detail.
   */
  private static HttpOutcome failure(int status, String text, RawEvent raw, RuntimeException e) {
    return new HttpOutcome(
        text(status, text),
        "rejected",
        raw.header("ce-id").orElse("-"),
        "rejected " + status + ": " + e.getMessage());
  }

  private static HttpOutcome error(int status, RawEvent raw, RuntimeException e) {
    return new HttpOutcome(
        text(status, e.getMessage()),
        "rejected",
        raw.header("ce-id").orElse("-"),
        "rejected " + status + ": " + e.getMessage());
  }

  private static AppResponse text(int status, String message) {
    return new AppResponse(
        status,
        Headers.builder().add("Content-Type", "text/plain; charset=utf-8").build(),
        message.getBytes(StandardCharsets.UTF_8));
  }
}
