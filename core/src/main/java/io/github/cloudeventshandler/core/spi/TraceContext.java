package io.github.cloudeventshandler.core.spi;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Headers;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context ({@code traceparent} and optional {@code tracestate}): the one parser and
 * converter every provider uses, so that an event request carries the producer's trace in the form
 * an OpenTelemetry-instrumented app continues without code. The library writes these headers itself
 * and depends on no tracing library.
 *
 * <p>Sources: the CloudEvents distributed-tracing extension ({@link #of(CloudEvent)}), an X-Ray
 * header ({@link #fromXray(String)}, e.g. {@code
 * Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1} → {@code
 * 00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01}), or a {@code traceparent} value from
 * message properties ({@link #parse(String, String)}). A classifier puts a record's context on its
 * CloudEvent ({@link #addTo(CloudEventBuilder)}); {@link EventPipeline} writes it as headers; an
 * entry point adds the invocation's context to requests that have none ({@link
 * #orDefault(Application, Optional)}).
 *
 * <pre>{@code
 * TraceContext.fromXray(record.awsTraceHeader()).ifPresent(t -> t.addTo(cloudEventBuilder));
 * }</pre>
 *
 * <p>Failure contract: nothing here throws for a malformed value; {@code parse}, {@code fromXray}
 * and {@code of} return empty (a malformed trace header is dropped, never forwarded, never an
 * error), and a malformed {@code tracestate} is dropped while its valid {@code traceparent} is
 * kept. The canonical constructor accepts only valid values and throws {@link
 * IllegalArgumentException} otherwise. Immutable.
 *
 * @param traceparent version {@code 00}, lower-case hex, trace id and parent id not all zeros
 * @param tracestate the vendor list, or null
 */
public record TraceContext(String traceparent, String tracestate) {
  /** The header and CloudEvents extension attribute carrying the parent. */
  public static final String TRACEPARENT = "traceparent";

  /** The header and CloudEvents extension attribute carrying the vendor list. */
  public static final String TRACESTATE = "tracestate";

  private static final Pattern V00 = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final Pattern FIELDS =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
  private static final Pattern MEMBER =
      Pattern.compile(
          "(?:[a-z][_0-9a-z\\-*/]{0,255}|[a-z0-9][_0-9a-z\\-*/]{0,240}@[a-z][_0-9a-z\\-*/]{0,13})"
              + "=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");
  private static final String ZERO_TRACE = "00000000000000000000000000000000";
  private static final String ZERO_SPAN = "0000000000000000";

  /** Validates. */
  public TraceContext {
    if (traceparent == null || !isCanonical(traceparent)) {
      throw new IllegalArgumentException("not a version-00 W3C traceparent: " + traceparent);
    }
    if (tracestate != null && !isTracestate(tracestate)) {
      throw new IllegalArgumentException("not a W3C tracestate: " + tracestate);
    }
  }

  /**
   * A context from W3C header values. A {@code traceparent} of a future version (not {@code 00} or
   * {@code ff}) is read as its first four fields and forwarded as version {@code 00}; version
   * {@code 00} must be exactly 55 characters. Upper-case hex, an all-zero id, a wrong length, or
   * version {@code ff} give empty. An empty, blank or malformed {@code tracestate} is dropped.
   */
  public static Optional<TraceContext> parse(String traceparent, String tracestate) {
    if (traceparent == null) {
      return Optional.empty();
    }
    String tp = traceparent.strip();
    var m = FIELDS.matcher(tp);
    if (!m.matches() || m.group(1).equals("ff")) {
      return Optional.empty();
    }
    if (m.group(1).equals("00") && m.group(5) != null) {
      return Optional.empty(); // version 00 has exactly four fields
    }
    String canonical = "00-" + m.group(2) + "-" + m.group(3) + "-" + m.group(4);
    if (!isCanonical(canonical)) {
      return Optional.empty();
    }
    String ts = tracestate == null ? null : tracestate.strip();
    return Optional.of(new TraceContext(canonical, ts != null && isTracestate(ts) ? ts : null));
  }

  /**
   * A context from an AWS X-Ray trace header ({@code Root=1-<8 hex>-<24 hex>;Parent=<16
   * hex>;Sampled=1}, fields in any order, others such as {@code Lineage} ignored). {@code
   * Sampled=1} gives the sampled flag; {@code 0}, {@code ?} or no {@code Sampled} give none. A
   * header without {@code Parent} gives empty: W3C requires the caller's span id and X-Ray names
   * none (Lambda sends such headers when the function itself starts the trace).
   */
  public static Optional<TraceContext> fromXray(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String root = null;
    String parent = null;
    String sampled = null;
    for (String field : header.split(";", -1)) {
      int eq = field.indexOf('=');
      if (eq < 0) {
        if (field.isBlank()) {
          continue;
        }
        return Optional.empty();
      }
      String key = field.substring(0, eq).strip();
      String value = field.substring(eq + 1).strip();
      switch (key) {
        case "Root" -> {
          if (root != null) {
            return Optional.empty();
          }
          root = value;
        }
        case "Parent" -> {
          if (parent != null) {
            return Optional.empty();
          }
          parent = value;
        }
        case "Sampled" -> sampled = value;
        default -> {
          // Lineage, Self and vendor fields carry nothing W3C has
        }
      }
    }
    if (root == null || parent == null || root.length() != 35 || !root.startsWith("1-")) {
      return Optional.empty();
    }
    if (root.charAt(10) != '-') {
      return Optional.empty();
    }
    String traceId = root.substring(2, 10) + root.substring(11);
    return parse("00-" + traceId + "-" + parent + "-" + ("1".equals(sampled) ? "01" : "00"), null);
  }

  /**
   * The context a CloudEvent carries in the distributed-tracing extension ({@code traceparent},
   * {@code tracestate} attributes), when valid.
   */
  public static Optional<TraceContext> of(CloudEvent event) {
    if (event == null) {
      return Optional.empty();
    }
    return parse(text(event.getExtension(TRACEPARENT)), text(event.getExtension(TRACESTATE)));
  }

  private static String text(Object v) {
    return v instanceof String s ? s : null;
  }

  /** The 32 hex digits of the trace id. */
  public String traceId() {
    return traceparent.substring(3, 35);
  }

  /** The 16 hex digits of the parent (the producer's span) id. */
  public String parentId() {
    return traceparent.substring(36, 52);
  }

  /** Whether the producer sampled its trace (flag bit 0). */
  public boolean sampled() {
    return (Integer.parseInt(traceparent.substring(53), 16) & 1) == 1;
  }

  /** Sets the distributed-tracing extension attributes on a CloudEvent being built. */
  public CloudEventBuilder addTo(CloudEventBuilder event) {
    event.withExtension(TRACEPARENT, traceparent);
    if (tracestate != null) {
      event.withExtension(TRACESTATE, tracestate);
    }
    return event;
  }

  /** Sets the {@code traceparent} and {@code tracestate} headers (replacing any). */
  public Headers.Builder writeTo(Headers.Builder headers) {
    headers.remove(TRACEPARENT).remove(TRACESTATE).add(TRACEPARENT, traceparent);
    if (tracestate != null) {
      headers.add(TRACESTATE, tracestate);
    }
    return headers;
  }

  /**
   * The application with the invocation's context as the default: a request that carries no valid
   * {@code traceparent} (no record context of its own) gets {@code invocation}'s, and a malformed
   * {@code traceparent} (an HTTP request's own) is removed with its {@code tracestate} first. With
   * no invocation context, only the removal applies.
   */
  public static Application orDefault(Application app, Optional<TraceContext> invocation) {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(invocation, "invocation");
    return request -> {
      Optional<String> own = request.header(TRACEPARENT);
      if (own.isPresent() && parse(own.get(), null).isPresent()) {
        return app.call(request);
      }
      if (own.isEmpty() && invocation.isEmpty()) {
        return app.call(request);
      }
      Headers.Builder h = request.headers().toBuilder().remove(TRACEPARENT).remove(TRACESTATE);
      invocation.ifPresent(t -> t.writeTo(h));
      return app.call(request.toBuilder().headers(h.build()).build());
    };
  }

  private static boolean isCanonical(String tp) {
    return V00.matcher(tp).matches() && isCanonicalIds(tp.substring(3, 35), tp.substring(36, 52));
  }

  private static boolean isCanonicalIds(String traceId, String parentId) {
    return !traceId.equals(ZERO_TRACE) && !parentId.equals(ZERO_SPAN);
  }

  /** At most 32 list members, each {@code key=value} by the W3C grammar; empty members allowed. */
  private static boolean isTracestate(String ts) {
    if (ts.isEmpty() || ts.length() > 8192) {
      return false;
    }
    int members = 0;
    for (String member : ts.split(",", -1)) {
      String m = member.strip();
      if (m.isEmpty()) {
        continue;
      }
      if (++members > 32 || !MEMBER.matcher(m).matches()) {
        return false;
      }
    }
    return members > 0;
  }
}
