package io.github.cloudeventshandler.azure.internal;

import com.microsoft.azure.functions.ExecutionContext;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one line per invocation: provider, kind, event id, outcome and milliseconds, written to the
 * {@link ExecutionContext}'s logger so it lands in the function's logs. Never the payload.
 */
public final class InvocationLog {
  private InvocationLog() {}

  /** Logs a trigger invocation; {@code failure} null means handled. */
  public static void trigger(
      ExecutionContext context,
      ClassifiedEvent event,
      String what,
      long startNanos,
      Exception failure) {
    String kind = event == null ? what : event.kind();
    String id = event == null ? "-" : event.records().get(0).displayId();
    int records = event == null ? 0 : event.records().size();
    String line =
        "cloud-events-handler azure kind="
            + kind
            + " id="
            + id
            + " records="
            + records
            + " outcome="
            + (failure == null ? "handled" : "failed: " + failure.getMessage())
            + " "
            + millis(startNanos)
            + "ms";
    log(context, failure == null ? Level.INFO : Level.WARNING, line);
  }

  /** Logs an HTTP trigger invocation. */
  public static void http(
      ExecutionContext context, String request, HttpOutcome outcome, long startNanos) {
    String line =
        "cloud-events-handler azure http "
            + request
            + " kind="
            + outcome.kind()
            + " id="
            + outcome.eventId()
            + " status="
            + outcome.reply().status()
            + " outcome="
            + outcome.outcome()
            + " "
            + millis(startNanos)
            + "ms";
    log(context, outcome.reply().status() >= 500 ? Level.WARNING : Level.INFO, line);
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static void log(ExecutionContext context, Level level, String line) {
    Logger logger = context == null ? null : context.getLogger();
    if (logger == null) {
      logger = Logger.getLogger("io.github.cloudeventshandler.azure");
    }
    logger.log(level, line);
  }
}
