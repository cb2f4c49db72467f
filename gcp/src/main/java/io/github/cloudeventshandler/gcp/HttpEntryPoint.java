package io.github.cloudeventshandler.gcp;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.gcp.internal.GcpRuntime;
import io.github.cloudeventshandler.gcp.internal.GoogleOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP function for everything that reaches a Cloud Functions / Cloud Run URL:
 *
 * <ul>
 *   <li>CloudEvents over HTTP, binary or structured: {@code google.*} types go to their GCP route
 *       ({@code /google.cloud.storage}, …); the application's answer is passed back;
 *   <li>Pub/Sub push, wrapped or unwrapped: the push token is verified first by {@link
 *       PushAuthenticator} ({@code CEH_PUBSUB_AUDIENCE}, {@code CEH_PUBSUB_SERVICE_ACCOUNT};
 *       401/403 without calling the application; without settings every push is refused unless
 *       {@code CEH_PUBSUB_AUTH=off}), then {@code POST /google.cloud.pubsub}; 2xx → {@code 204},
 *       any failure → {@code 503};
 *   <li>any other request: passed to the application as it is, for its own routes; its status,
 *       headers and body come back unchanged.
 * </ul>
 *
 * <pre>{@code
 * gcloud functions deploy books --gen2 --runtime=java17 --trigger-http \
 *     --entry-point=io.github.cloudeventshandler.gcp.HttpEntryPoint \
 *     --set-env-vars=CEH_APPLICATION=com.example.BooksApp
 * }</pre>
 *
 * <p>Anyone who knows the URL can post to it, so a request that claims a Google origin (a push, a
 * CloudEvent of a {@code google.*} type or from a {@code googleapis.com} source, a request to a
 * {@code /google.*} route) is answered 401/403 without calling the application unless it carries a
 * Google token {@link PushAuthenticator} verifies, or (all but pushes) {@code
 * CEH_HTTP_EVENTS_TRUSTED=true} says the platform guards the endpoint (e.g. Cloud Run with IAM,
 * {@code --no-allow-unauthenticated}), or {@code CEH_PUBSUB_AUTH=off}; see gcp/README-auth.md. Only
 * verified requests, or all of them on a trusted endpoint, reach the application as platform events
 * ({@code RequestAttributes.PLATFORM_EVENT}).
 *
 * <p>Failure contract: never throws for bad input. A broken or unrecognised event is answered 400
 * (413 when too large) without calling the application, and 503 when Google's signing keys cannot
 * be fetched; never 2xx for an event that was not handled. The {@link HttpRequest} reaches the
 * application as the request attribute {@code RequestAttributes.PLATFORM_CONTEXT}.
 */
public final class HttpEntryPoint implements HttpFunction, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEntryPoint.class);
  private static final Set<String> NOT_COPIED =
      Set.of("content-length", "transfer-encoding", "connection", "content-type");

  private final GcpRuntime runtime;
  private final PushAuthenticator push;

  /** Configures itself from {@code CEH_*} settings; the application starts on the first request. */
  public HttpEntryPoint() {
    this(Configuration.fromEnvironment());
  }

  /** Uses these settings; the application ({@code CEH_APPLICATION}) starts on the first request. */
  public HttpEntryPoint(Configuration configuration) {
    this.runtime = GcpRuntime.create(configuration);
    this.push = PushAuthenticator.fromConfiguration(configuration);
  }

  /** Uses these settings and delivers to this application (tests, custom hosting). */
  public HttpEntryPoint(Configuration configuration, Application application) {
    this(configuration, application, PushAuthenticator.fromConfiguration(configuration));
  }

  /** Uses this push token verifier instead of one built from the settings (tests). */
  HttpEntryPoint(Configuration configuration, Application application, PushAuthenticator push) {
    this.runtime = GcpRuntime.create(configuration, application);
    this.push = java.util.Objects.requireNonNull(push, "push");
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
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    AppResponse answer;
    try {
      answer = answer(rawEvent(request), ANY);
    } catch (BadEventException e) {
      // the body was over the limit before it could be read whole
      answer = text(e.problem().httpStatus(), e.getMessage());
      GcpRuntime.log("http", null, answer.status() + " " + e.problem(), System.nanoTime());
    }
    write(answer, response);
  }

  /**
   * The same for an HTTP server other than the Functions Framework (the container ingress): the
   * request as it arrived (method, raw path, query, headers, body), the answer to send back. {@code
   * accepted} narrows what this endpoint takes: a classified event it refuses is answered {@code
   * 415} with a text naming the event's kind, without calling the application (Pub/Sub push auth
   * still comes first, so an unauthenticated push is 401 whatever {@code accepted} says).
   *
   * <pre>{@code
   * AppResponse a = entryPoint.answer(request, e -> e.reply() == GcpReply.PUSH); // pushes only
   * }</pre>
   *
   * <p>Failure contract: never throws for what the request holds; the answer is the same as {@link
   * #service}'s.
   */
  public AppResponse answer(AppRequest request, Predicate<ClassifiedEvent> accepted) {
    java.util.Objects.requireNonNull(accepted, "accepted");
    int max = runtime.configuration().limits().maxBytes();
    if (request.bodyLength() > max) {
      return text(
          413,
          "gcp http: body of "
              + request.method()
              + " "
              + request.path()
              + " is over the limit of "
              + max
              + " bytes");
    }
    return answer(
        RawEvent.builder(RawEvent.GCP, request.body())
            .headers(request.headers())
            .request(request.method(), request.path(), request.query())
            .limits(runtime.configuration().limits())
            .build(),
        accepted);
  }

  private AppResponse answer(RawEvent raw, Predicate<ClassifiedEvent> accepted) {
    long start = System.nanoTime();
    ClassifiedEvent event = null;
    try {
      oneContentType(raw);
      String prefix = runtime.configuration().requestDefaults().pathPrefix();
      GoogleOrigin.Claim claim = GoogleOrigin.claim(raw, prefix);
      boolean verified = claim != null && admit(raw, claim);
      event = runtime.classify(raw);
      if (claim == null) {
        GoogleOrigin.Claim late = GoogleOrigin.claim(event, prefix);
        verified = late != null && admit(raw, late);
      }
      if (!accepted.test(event)) {
        GcpRuntime.log("http", event, "415 not accepted here", start);
        return text(
            415,
            "gcp http: this endpoint does not take "
                + (event.isHttp() ? "plain HTTP requests" : event.kind() + " events"));
      }
      DispatchResult result = runtime.dispatchFromHttp(event, raw, verified);
      AppResponse answer = reply(event, result);
      GcpRuntime.log("http", event, String.valueOf(answer.status()), start);
      return answer;
    } catch (BadEventException e) {
      int status = e.problem().httpStatus();
      boolean auth = e.problem() == Problem.UNAUTHENTICATED || e.problem() == Problem.FORBIDDEN;
      if (auth) {
        LOG.warn("gcp http: request refused: {}", e.getMessage());
      }
      GcpRuntime.log("http", event, status + " " + e.problem(), start);
      return text(status, auth ? e.problem().anchor().replace('-', ' ') : e.getMessage());
    } catch (UnrecognizedEventException e) {
      GcpRuntime.log("http", event, "400 unrecognized", start);
      return text(400, e.getMessage());
    } catch (CloudEventsHandlerException e) {
      LOG.error("{}", prefixed(e.getMessage()), e);
      GcpRuntime.log("http", event, "503 " + e.getClass().getSimpleName(), start);
      return text(503, "the event could not be delivered");
    }
  }

  /**
   * Lets a request that claims a Google origin through, or refuses it (gcp/README-auth.md,
   * "Requests that claim a Google origin"): a Pub/Sub push needs a verified token unless {@code
   * CEH_PUBSUB_AUTH=off}; any other claim needs a verified token unless the endpoint is declared
   * guarded by the platform ({@code CEH_HTTP_EVENTS_TRUSTED=true}) or {@code CEH_PUBSUB_AUTH=off}.
   * Exactly one {@code Authorization} value is accepted: unwrapped push writes message attributes
   * as headers, so an attribute named {@code authorization} must never stand in for the token.
   *
   * @return whether a token was verified (the event is then a platform event)
   * @throws BadEventException 401 / 403 without calling the application
   * @throws io.github.cloudeventshandler.core.DispatchException when the keys are unavailable (503)
   */
  private boolean admit(RawEvent raw, GoogleOrigin.Claim claim) {
    if (!push.enabled()) {
      return false; // CEH_PUBSUB_AUTH=off: dispatched, a platform event only when trusted
    }
    if (!claim.push() && runtime.httpEventsTrusted()) {
      return false; // the platform's IAM guards the URL; dispatchFromHttp keeps PLATFORM_EVENT
    }
    String what = "gcp http: " + claim.description();
    if (!claim.push() && !push.configured()) {
      throw new BadEventException(
          Problem.UNAUTHENTICATED,
          what
              + " must prove it comes from Google, and nothing can check that here: set "
              + PushAuthenticator.AUDIENCE
              + " and "
              + PushAuthenticator.SERVICE_ACCOUNT
              + " (the token Eventarc or Pub/Sub sends), or "
              + Configuration.HTTP_EVENTS_TRUSTED
              + "=true when the platform's IAM guards the URL, or "
              + PushAuthenticator.AUTH
              + "=off");
    }
    push.verifyHeaders(raw.headers().all("Authorization"), what);
    return true;
  }

  /**
   * A request may carry one {@code Content-Type} (it decides binary or structured mode and the
   * data's media type); differing values are refused rather than read one way here and another in
   * the application.
   */
  private static void oneContentType(RawEvent raw) {
    List<String> types = raw.headers().all("Content-Type");
    for (String t : types) {
      if (!t.strip().equalsIgnoreCase(types.get(0).strip())) {
        throw new BadEventException(
            Problem.DUPLICATE_KEY,
            "gcp http: "
                + types.size()
                + " different Content-Type headers; a request carries one media type");
      }
    }
  }

  /** Every event and request: what the Functions Framework entry point takes. */
  private static final Predicate<ClassifiedEvent> ANY = e -> true;

  private RawEvent rawEvent(HttpRequest request) throws IOException {
    int max = runtime.configuration().limits().maxBytes();
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(max + 1 > 0 ? max + 1 : max);
    }
    if (body.length > max) {
      throw new BadEventException(
          Problem.TOO_LARGE,
          "gcp http: body of "
              + request.getMethod()
              + " "
              + request.getPath()
              + " is over the limit of "
              + max
              + " bytes");
    }
    Headers.Builder headers = Headers.builder();
    for (Map.Entry<String, List<String>> h : request.getHeaders().entrySet()) {
      for (String v : h.getValue()) {
        headers.add(h.getKey(), v);
      }
    }
    return RawEvent.builder(RawEvent.GCP, body)
        .headers(headers.build())
        .request(request.getMethod(), request.getPath(), request.getQuery().orElse(null))
        .platformContext(request)
        .limits(runtime.configuration().limits())
        .build();
  }

  private static AppResponse reply(ClassifiedEvent event, DispatchResult result) {
    if (event.reply() == GcpReply.PUSH) {
      if (result.allHandled()) {
        return AppResponse.of(204);
      }
      LOG.warn("gcp http: push not handled: {}", result.firstFailureReason().orElse("-"));
      return text(503, "not handled");
    }
    AppResponse answer = result.lastResponse().orElse(null);
    if (answer == null) {
      // the reason names the application's internals: it goes to the log, not to the caller
      LOG.warn("gcp http: no answer: {}", result.firstFailureReason().orElse("-"));
      return text(event.reply() == GcpReply.HTTP ? 502 : 503, "the application could not answer");
    }
    return answer;
  }

  private static void write(AppResponse answer, HttpResponse response) throws IOException {
    response.setStatusCode(answer.status());
    answer.contentType().ifPresent(response::setContentType);
    for (Map.Entry<String, String> f : answer.headers().fields()) {
      if (!NOT_COPIED.contains(f.getKey().toLowerCase(Locale.ROOT))) {
        response.appendHeader(f.getKey(), f.getValue());
      }
    }
    if (answer.bodyLength() > 0) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(answer.body());
      }
    }
  }

  /** A log message that names this entry point once (most of the library's messages already do). */
  private static String prefixed(String message) {
    return message != null && message.startsWith("gcp http: ") ? message : "gcp http: " + message;
  }

  private static AppResponse text(int status, String message) {
    return AppResponse.of(status, "text/plain; charset=utf-8", message + "\n");
  }
}
