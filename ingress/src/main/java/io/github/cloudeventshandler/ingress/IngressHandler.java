package io.github.cloudeventshandler.ingress;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request of the {@link IngressServer}: the probes, then the concurrency bound, then the body
 * limit, then one of: an extra route, a push protocol ({@link Protocol}), the application.
 */
final class IngressHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(IngressServer.class);
  private static final String TEXT = "text/plain; charset=utf-8";

  /** Fields Jetty frames itself (request and response). */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "upgrade",
          "content-length");

  private final Configuration configuration;
  private final IngressSettings settings;
  private final CompletableFuture<? extends Application> application;
  private final ProtocolFlows flows;
  private final Map<String, Function<AppRequest, AppResponse>> routes;
  private final Semaphore permits;
  private final AtomicBoolean draining = new AtomicBoolean();

  IngressHandler(
      Configuration configuration,
      IngressSettings settings,
      CompletableFuture<? extends Application> application,
      ProtocolFlows flows,
      Map<String, Function<AppRequest, AppResponse>> routes) {
    this.configuration = configuration;
    this.settings = settings;
    this.application = application;
    this.flows = flows;
    this.routes = routes;
    this.permits = new Semaphore(settings.maxConcurrency());
  }

  /** Marks the start of draining; false when it had already started. */
  boolean drain() {
    return draining.compareAndSet(false, true);
  }

  /** Requests being served now (probes excluded). */
  int inFlight() {
    return settings.maxConcurrency() - permits.availablePermits();
  }

  /** Why the server is not ready, or null when it is. */
  String readiness() {
    if (draining.get()) {
      return "draining";
    }
    if (!application.isDone()) {
      return "starting";
    }
    if (application.isCompletedExceptionally()) {
      return "failed to start";
    }
    if (application.join() instanceof ServletApplication s && !s.isHealthy()) {
      return "unhealthy (the application has too many abandoned requests)";
    }
    return null;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (path.equals(IngressServer.LIVE)) {
      boolean failed = application.isCompletedExceptionally();
      write(response, callback, text(failed ? 503 : 200, failed ? "failed to start" : "live"));
      return true;
    }
    if (path.equals(IngressServer.READY)) {
      String why = readiness();
      write(response, callback, why == null ? text(200, "ready") : text(503, why));
      return true;
    }
    if (!application.isDone() || application.isCompletedExceptionally()) {
      write(response, callback, busy("the application is starting"));
      return true;
    }
    if (!permits.tryAcquire()) {
      write(response, callback, busy("over " + settings.maxConcurrency() + " requests at once"));
      return true;
    }
    try {
      write(response, callback, answer(request, path));
    } finally {
      permits.release();
    }
    return true;
  }

  private AppResponse answer(Request request, String path) throws Exception {
    int max = configuration.limits().maxBytes();
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(max + 1 > 0 ? max + 1 : max);
    }
    if (body.length > max) {
      return text(413, "the body is over " + max + " bytes (CEH_MAX_BODY_BYTES)");
    }
    AppRequest.Builder b =
        AppRequest.builder(request.getMethod(), path)
            .query(request.getHttpURI().getQuery())
            .body(body)
            .timeout(configuration.timeout());
    Headers.Builder h = Headers.builder();
    for (HttpField f : request.getHeaders()) {
      if (!HOP_BY_HOP.contains(f.getLowerCaseName())) {
        h.add(f.getName(), f.getValue());
      }
    }
    AppRequest in = b.headers(h.build()).build();
    Optional<Function<AppRequest, AppResponse>> route = route(path);
    if (route.isPresent()) {
      return route.get().apply(in);
    }
    Optional<Protocol> protocol = Protocol.at(path);
    if (protocol.isPresent()) {
      return protocol.get().answer(flows, in);
    }
    if (path.startsWith(Protocol.PREFIX)) {
      // the ingress owns /ingress/: a mistyped protocol path is not passed to the app
      return text(404, "ingress: nothing at " + path + "; the protocols are " + Protocol.paths());
    }
    return application(in);
  }

  private Optional<Function<AppRequest, AppResponse>> route(String path) {
    for (Map.Entry<String, Function<AppRequest, AppResponse>> r : routes.entrySet()) {
      if (path.equals(r.getKey()) || path.startsWith(r.getKey() + "/")) {
        return Optional.of(r.getValue());
      }
    }
    return Optional.empty();
  }

  /** The application's own paths: its answer as it is, with no bridge attributes. */
  private AppResponse application(AppRequest request) {
    try {
      return flows.application().call(request);
    } catch (BadEventException e) {
      return text(e.problem().httpStatus(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("ingress: {} {}: {}", request.method(), request.path(), e.toString());
      return busy("the application could not answer");
    }
  }

  private AppResponse busy(String why) {
    return new AppResponse(
        503,
        Headers.builder()
            .add("Content-Type", TEXT)
            .add("Retry-After", String.valueOf(settings.retryAfterSeconds()))
            .build(),
        (why + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static AppResponse text(int status, String message) {
    return AppResponse.of(status, TEXT, message + "\n");
  }

  /** Writes an answer; the fields Jetty frames itself are left to it. */
  static void write(Response response, Callback callback, AppResponse answer) {
    response.setStatus(answer.status());
    for (Map.Entry<String, String> f : answer.headers().fields()) {
      if (!HOP_BY_HOP.contains(f.getKey().toLowerCase(Locale.ROOT))) {
        response.getHeaders().add(f.getKey(), f.getValue());
      }
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.bodyLength());
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }
}
