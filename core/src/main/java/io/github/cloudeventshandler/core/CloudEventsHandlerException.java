package io.github.cloudeventshandler.core;

/**
 * Root of every exception this library throws. Unchecked: callers at the platform boundary (a
 * Lambda handler, a Functions Framework entry point, an Azure function) let it propagate so that
 * the platform sees a failure and retries or dead-letters the event.
 *
 * <p>There are few subclasses on purpose: {@link BadEventException} (the input is broken), {@link
 * UnrecognizedEventException} (no classifier claims the input), {@link DispatchException} (the
 * application could not be reached or the whole invocation failed) and {@link
 * ConfigurationException} (the deployment is misconfigured).
 */
public class CloudEventsHandlerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names what was wrong. */
  public CloudEventsHandlerException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public CloudEventsHandlerException(String message, Throwable cause) {
    super(message, cause);
  }
}
