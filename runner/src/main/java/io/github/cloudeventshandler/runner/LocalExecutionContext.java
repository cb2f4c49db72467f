package io.github.cloudeventshandler.runner;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;

/**
 * The Azure Functions {@link ExecutionContext} the runner hands to {@code AzureEventHandler}: the
 * function name from the recorded trigger input (else {@code ceh-runner}), a fresh invocation id
 * unless the recording has one, and a {@code java.util.logging} logger whose records go to slf4j,
 * so the runner's stderr has one log format and one level switch ({@code --verbose}).
 */
final class LocalExecutionContext implements ExecutionContext {
  static final Logger LOG = new Slf4jLogger("azure");

  private final String functionName;
  private final String invocationId;

  LocalExecutionContext(String functionName, String invocationId) {
    this.functionName = functionName == null ? "ceh-runner" : functionName;
    this.invocationId = invocationId == null ? UUID.randomUUID().toString() : invocationId;
  }

  @Override
  public Logger getLogger() {
    return LOG;
  }

  @Override
  public String getInvocationId() {
    return invocationId;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  /**
   * A {@code java.util.logging} logger that hands every record to the slf4j logger of the same
   * name, which decides whether to print it. It is not registered with the {@code LogManager}, so
   * an application that resets {@code java.util.logging} (Spring Boot does) cannot change it.
   */
  private static final class Slf4jLogger extends Logger {
    private static final Formatter MESSAGES = new SimpleFormatter();
    private final org.slf4j.Logger target;

    Slf4jLogger(String name) {
      super(name, null);
      setLevel(Level.ALL);
      this.target = LoggerFactory.getLogger(name);
    }

    @Override
    public void log(LogRecord record) {
      String message = MESSAGES.formatMessage(record);
      Throwable thrown = record.getThrown();
      int level = record.getLevel().intValue();
      if (level >= Level.SEVERE.intValue()) {
        target.error(message, thrown);
      } else if (level >= Level.WARNING.intValue()) {
        target.warn(message, thrown);
      } else if (level >= Level.INFO.intValue()) {
        target.info(message, thrown);
      } else if (level >= Level.FINE.intValue()) {
        target.debug(message, thrown);
      } else {
        target.trace(message, thrown);
      }
    }
  }
}
