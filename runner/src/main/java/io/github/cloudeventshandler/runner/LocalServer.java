package io.github.cloudeventshandler.runner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import io.github.cloudeventshandler.ingress.IngressServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code serve}: the container ingress ({@link IngressServer}: the application's own paths, the
 * push protocols under {@code /ingress/}, the probes) on {@code 127.0.0.1} only, plus {@code
 * /_ceh/events}, the development ingress for raw events of any cloud, detected like recorded files
 * and delivered through the same real entry points, answered with the entry point's native reply.
 */
final class LocalServer implements AutoCloseable {
  /** The ingress path. */
  static final String INGRESS = "/_ceh/events";

  /** The reply header that carries a {@link #mistypedCloudEvent} note. */
  static final String NOTE_HEADER = "X-CEH-Note";

  private final Session session;
  private final PrintStream notes;
  private IngressServer server;

  private LocalServer(Session session, PrintStream notes) {
    this.session = session;
    this.notes = notes;
  }

  /**
   * Starts listening on {@code 127.0.0.1:port} ({@code 0}: any free port).
   *
   * @param configuration the settings of the application's own paths and the push protocols
   * @param notes where to tell the user about a request that was probably meant differently
   * @throws IllegalStateException when the port cannot be bound
   */
  static LocalServer start(
      Session session, Configuration configuration, int port, PrintStream notes) {
    LocalServer local = new LocalServer(session, notes);
    local.server =
        IngressServer.builder(configuration)
            .host("127.0.0.1")
            .port(port)
            .application(session.application())
            .route(INGRESS, r -> local.event(r.method(), r.query(), r.headers(), r.body()))
            .start();
    return local;
  }

  /** The port it listens on. */
  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }

  /** A raw event posted to the ingress, through the entry point it belongs to. */
  private AppResponse event(String method, String query, Headers headers, byte[] body) {
    Incoming in =
        new Incoming(method + " " + INGRESS, method, "/", query, headers, body, Map.of(), null);
    String forced = queryParameter(query, "provider");
    EntryPoint e;
    try {
      e =
          forced != null && !forced.isEmpty()
              ? forcedEntryPoint(forced, in)
              : session.detector().detect(in);
    } catch (RuntimeException ex) {
      return AppResponse.of(400, "text/plain; charset=utf-8", ex.getMessage() + "\n");
    }
    Incoming routed =
        e == EntryPoint.AZURE_HTTP
            ? new Incoming(in.label(), method, "/api/events", query, headers, body, Map.of(), e)
            : in.withEntryPoint(e);
    Outcome o = session.dispatch(routed, e);
    Headers.Builder h = Headers.builder();
    h.add("X-CEH-Entry-Point", e.label());
    h.add("X-CEH-Kind", o.kind());
    h.add("X-CEH-Route", o.route());
    String note = mistypedCloudEvent(headers, body, e, o);
    if (note != null) {
      h.add(NOTE_HEADER, note);
      notes.println("note: " + method + " " + INGRESS + ": " + note);
      notes.flush();
    }
    if (o.error() != null) {
      String type = o.error().getClass().getSimpleName();
      String message = String.valueOf(o.error().getMessage());
      if (e == EntryPoint.LAMBDA) {
        // what the Lambda Invoke API answers for a function error
        h.add("X-Amz-Function-Error", "Unhandled");
        h.add("Content-Type", "application/json");
        return new AppResponse(
            200, h.build(), lambdaError(o.error()).getBytes(StandardCharsets.UTF_8));
      }
      int status =
          o.error() instanceof BadEventException b
              ? b.problem().httpStatus()
              : o.error() instanceof UnrecognizedEventException ? 400 : 500;
      h.add("Content-Type", "text/plain; charset=utf-8");
      return new AppResponse(
          status, h.build(), (type + ": " + message + "\n").getBytes(StandardCharsets.UTF_8));
    }
    AppResponse r = o.reply();
    r.headers().fields().forEach(f -> h.add(f.getKey(), f.getValue()));
    return new AppResponse(r.status(), h.build(), r.body());
  }

  /**
   * When the body is a structured CloudEvent (a JSON object with {@code specversion}, {@code id},
   * {@code source}, {@code type}) that arrived without CloudEvents headers and with a {@code
   * Content-Type} other than {@code application/cloudevents+json}, and the entry point therefore
   * did not deliver it as an event: what happened, and what to send instead. Null otherwise.
   */
  static String mistypedCloudEvent(Headers headers, byte[] body, EntryPoint e, Outcome o) {
    if (headers.contains("ce-specversion")) {
      return null;
    }
    String type = headers.first("Content-Type").orElse("");
    if (type.toLowerCase(Locale.ROOT).startsWith("application/cloudevents")) {
      return null;
    }
    JsonElement json;
    try {
      json = StrictJson.parse(body, JsonLimits.DEFAULT, INGRESS);
    } catch (BadEventException ex) {
      return null;
    }
    if (!json.isJsonObject() || !ProviderDetector.isCloudEvent(json.getAsJsonObject())) {
      return null;
    }
    boolean deliveredAsEvent =
        o.exchanges().stream()
            .anyMatch(x -> x.request().attributes().containsKey(RequestAttributes.CLOUD_EVENT));
    if (deliveredAsEvent) {
      return null;
    }
    String what =
        o.exchanges().isEmpty()
            ? e.label() + " did not take it as an event"
            : e.label()
                + " passed it to the app as plain HTTP ("
                + o.route()
                + "), not as an event";
    return "the body is a structured CloudEvent but its Content-Type is "
        + (type.isEmpty() ? "missing" : "'" + type + "'")
        + ", so "
        + what
        + "; send it with Content-Type: application/cloudevents+json";
  }

  /** The body the Lambda Invoke API returns for a function error. */
  private static String lambdaError(RuntimeException e) {
    JsonObject o = new JsonObject();
    o.addProperty("errorMessage", String.valueOf(e.getMessage()));
    o.addProperty("errorType", e.getClass().getName());
    return o.toString();
  }

  private static EntryPoint forcedEntryPoint(String provider, Incoming in) {
    return switch (provider) {
      case "aws" -> EntryPoint.LAMBDA;
      case "gcp" -> EntryPoint.GCP_HTTP;
      case "azure" -> EntryPoint.AZURE_HTTP;
      case "http" -> EntryPoint.CLOUDEVENTS_HTTP;
      default ->
          throw new IllegalArgumentException(
              "?provider= must be aws, gcp, azure or http, not '" + provider + "'");
    };
  }

  private static String queryParameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String p : query.split("&")) {
      if (p.equals(name) || p.startsWith(name + "=")) {
        return p.length() > name.length() ? p.substring(name.length() + 1) : "";
      }
    }
    return null;
  }

  static List<String> banner(int port) {
    return List.of(
        "serving on http://127.0.0.1:" + port + "/ (the application's own routes)",
        "events:    POST http://127.0.0.1:"
            + port
            + INGRESS
            + "  (any cloud's raw event; ?provider=aws|gcp|azure|http to force)",
        "protocols: POST http://127.0.0.1:"
            + port
            + "/ingress/{cloudevents,pubsub,eventgrid,webpubsub,sns}  (as deployed in a container)",
        "health:    GET  http://127.0.0.1:"
            + port
            + IngressServer.READY
            + ", "
            + IngressServer.LIVE,
        "stop with Ctrl-C");
  }
}
