package io.github.cloudeventshandler.runner;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The Azure Functions {@link ExecutionContext} the runner hands to {@code AzureEventHandler}: the
 * function name from the recorded trigger input (else {@code ceh-runner}), a fresh invocation id
 * unless the recording has one, and a {@code java.util.logging} logger.
 */
final class LocalExecutionContext implements ExecutionContext {
  static final Logger LOG = Logger.getLogger("azure");

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
}
