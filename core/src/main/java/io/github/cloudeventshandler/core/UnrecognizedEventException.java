package io.github.cloudeventshandler.core;

/**
 * No classifier claimed the input and no fallback route ({@code CEH_UNRECOGNIZED}) is configured.
 * The message names the provider and what was looked at (top-level keys, content type, the first
 * record's {@code eventSource}, ...). Maps to HTTP 400 / a thrown Lambda error.
 */
public class UnrecognizedEventException extends CloudEventsHandlerException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message should say what was looked at. */
  public UnrecognizedEventException(String message) {
    super(message + " (see docs/troubleshooting.md#unrecognized-event)");
  }
}
