package io.github.cloudeventshandler.core;

/**
 * The invocation as a whole failed: the application could not be started or reached, a request
 * timed out, or records the platform must retry were not handled. Entry points let it propagate so
 * the platform retries and eventually dead-letters the event; nothing is silently dropped.
 */
public class DispatchException extends CloudEventsHandlerException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public DispatchException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public DispatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
