package io.github.cloudeventshandler.testing.platform;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The Azure Functions {@link ExecutionContext} of one invocation: the function name, an invocation
 * id and a {@code java.util.logging} logger. By default the logger is the context's own and keeps
 * every record ({@link #logLines()}, {@link #logMessages()}) without printing it; {@link
 * #withLogger(Logger)} hands records to a logger of the caller's instead.
 *
 * <pre>{@code
 * LocalAzureContext context = LocalAzureContext.create("orders");
 * handler.queue(message, "id-1", 1, null, context);
 * assertThat(context.logMessages()).singleElement().asString().contains("handled");
 * }</pre>
 *
 * <p>Failure contract: refuses null names with {@link NullPointerException}; {@link #logLines()} on
 * a context with the caller's logger throws {@link IllegalStateException}. Thread-safe.
 */
public final class LocalAzureContext implements ExecutionContext {
  private final String functionName;
  private final String invocationId;
  private final Logger logger;
  private final List<LogRecord> records;
  private final TraceContext traceContext;

  private LocalAzureContext(
      String functionName,
      String invocationId,
      Logger logger,
      List<LogRecord> records,
      TraceContext traceContext) {
    this.functionName = Objects.requireNonNull(functionName, "functionName");
    this.invocationId = Objects.requireNonNull(invocationId, "invocationId");
    this.logger = logger;
    this.records = records;
    this.traceContext = traceContext;
  }

  /** A context for {@code functionName} with a fresh invocation id and a keeping logger. */
  public static LocalAzureContext create(String functionName) {
    return create(functionName, UUID.randomUUID().toString());
  }

  /** A context for {@code functionName} and {@code invocationId} with a keeping logger. */
  public static LocalAzureContext create(String functionName, String invocationId) {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    return new LocalAzureContext(functionName, invocationId, logger, records, null);
  }

  /** A copy that logs to {@code logger} (and keeps nothing). */
  public LocalAzureContext withLogger(Logger logger) {
    return new LocalAzureContext(
        functionName, invocationId, Objects.requireNonNull(logger, "logger"), null, traceContext);
  }

  /**
   * A copy whose {@link #getTraceContext()} has these W3C values (the host's trace of the
   * invocation); {@code tracestate} may be null. Without it the context has none, as the default
   * method of {@link ExecutionContext} says.
   */
  public LocalAzureContext withTraceContext(String traceparent, String tracestate) {
    Objects.requireNonNull(traceparent, "traceparent");
    TraceContext t =
        new TraceContext() {
          @Override
          public String getTraceparent() {
            return traceparent;
          }

          @Override
          public String getTracestate() {
            return tracestate;
          }

          @Override
          public Map<String, String> getAttributes() {
            return Map.of();
          }
        };
    return new LocalAzureContext(functionName, invocationId, logger, records, t);
  }

  @Override
  public TraceContext getTraceContext() {
    return traceContext;
  }

  @Override
  public Logger getLogger() {
    return logger;
  }

  @Override
  public String getInvocationId() {
    return invocationId;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  /** The kept log lines, each {@code "<LEVEL> <message>"}, in order. */
  public List<String> logLines() {
    return kept().stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
  }

  /** The kept log messages, in order. */
  public List<String> logMessages() {
    return kept().stream().map(LogRecord::getMessage).toList();
  }

  private List<LogRecord> kept() {
    if (records == null) {
      throw new IllegalStateException(
          "this context logs to the logger given to withLogger and keeps no lines");
    }
    return List.copyOf(records);
  }

  @Override
  public String toString() {
    return "LocalAzureContext[" + functionName + " " + invocationId + "]";
  }
}
