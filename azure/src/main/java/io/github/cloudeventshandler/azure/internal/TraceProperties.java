package io.github.cloudeventshandler.azure.internal;

import com.microsoft.azure.functions.ExecutionContext;
import io.github.cloudeventshandler.core.spi.TraceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Azure carries a trace context: the application properties of a Service Bus message or an
 * Event Hubs event ({@code traceparent}, else {@code Diagnostic-Id}, which the Azure SDKs write in
 * W3C form; {@code tracestate}), bound as {@code ApplicationProperties} / {@code UserProperties} /
 * {@code Properties}, and the invocation's {@code ExecutionContext.getTraceContext()}. Not part of
 * the public API.
 */
public final class TraceProperties {
  /** The metadata keys under which an item's application properties can arrive. */
  static final List<String> KEYS = List.of("ApplicationProperties", "UserProperties", "Properties");

  private TraceProperties() {}

  /** The context of one trigger item, from its application properties. */
  static Optional<TraceContext> of(TriggerInput.Item item) {
    for (String key : KEYS) {
      if (item.metadata().get(key) instanceof Map<?, ?> props) {
        Optional<TraceContext> t =
            TraceContext.parse(text(props, "traceparent"), text(props, "tracestate"))
                .or(
                    () ->
                        TraceContext.parse(
                            text(props, "Diagnostic-Id"), text(props, "tracestate")));
        if (t.isPresent()) {
          return t;
        }
      }
    }
    return Optional.empty();
  }

  /** The invocation's context ({@code ExecutionContext.getTraceContext()}), when valid. */
  public static Optional<TraceContext> of(ExecutionContext context) {
    var t = context == null ? null : context.getTraceContext();
    return t == null ? Optional.empty() : TraceContext.parse(t.getTraceparent(), t.getTracestate());
  }

  private static String text(Map<?, ?> props, String name) {
    Object v = props.get(name);
    return v instanceof String s ? s : null;
  }
}
