package io.github.cloudeventshandler.core;

/**
 * The deployment is misconfigured: a {@code CEH_*} variable is missing or malformed, the
 * application class does not exist or is not a servlet. Thrown at cold start, so the function fails
 * fast instead of answering every event with an error.
 */
public class ConfigurationException extends CloudEventsHandlerException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the setting and what was wrong with it. */
  public ConfigurationException(String message) {
    super(withAnchor(message));
  }

  /** Creates the exception with its cause. */
  public ConfigurationException(String message, Throwable cause) {
    super(withAnchor(message), cause);
  }

  /** Points to the configuration section, replacing the anchor of a wrapped input error. */
  private static String withAnchor(String message) {
    int i = message.lastIndexOf(" (see docs/troubleshooting.md#");
    String plain = i > 0 && message.endsWith(")") ? message.substring(0, i) : message;
    return plain + " (see docs/troubleshooting.md#configuration)";
  }
}
