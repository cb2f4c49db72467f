package io.github.cloudeventshandler.core;

import io.github.cloudeventshandler.core.spi.AttributeValues;
import java.util.Locale;

/**
 * Root of every exception this library throws. Unchecked: callers at the platform boundary (a
 * Lambda handler, a Functions Framework entry point, an Azure function) let it propagate so that
 * the platform sees a failure and retries or dead-letters the event.
 *
 * <p>There are few subclasses on purpose: {@link BadEventException} (the input is broken), {@link
 * UnrecognizedEventException} (no classifier claims the input), {@link DispatchException} (the
 * application could not be reached or the whole invocation failed) and {@link
 * ConfigurationException} (the deployment is misconfigured).
 *
 * <p>Messages quote values taken from events, which may hold anything, and end up in logs and in
 * the body of a 4xx answer. So every message is one line of bounded length, whatever it quotes:
 * control characters, line and paragraph separators and lone surrogates are written as <code>
 * &#92;u</code> and four hex digits, and a message over {@value #MAX_MESSAGE} characters keeps its
 * beginning and its end (where the reason and the troubleshooting section are) around a note of how
 * much was left out.
 */
public class CloudEventsHandlerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest message, in characters. */
  public static final int MAX_MESSAGE = 4096;

  /** Creates an exception with a message that names what was wrong. */
  public CloudEventsHandlerException(String message) {
    super(oneLine(message));
  }

  /** Creates an exception with a message and its cause. */
  public CloudEventsHandlerException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** The message as one line of at most {@value #MAX_MESSAGE} characters (class comment). */
  static String oneLine(String message) {
    if (message == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < message.length(); ) {
      int cp = message.codePointAt(i); // a lone half of a surrogate pair is a SURROGATE one
      int next = i + Character.charCount(cp);
      boolean escape =
          AttributeValues.isControl(cp)
              || cp == 0x2028
              || cp == 0x2029
              || Character.getType(cp) == Character.SURROGATE;
      if (escape && out == null) {
        out = new StringBuilder(message.length() + 16).append(message, 0, i);
      }
      if (escape) {
        out.append(String.format(Locale.ROOT, "\\u%04x", cp));
      } else if (out != null) {
        out.append(message, i, next);
      }
      i = next;
    }
    String line = out == null ? message : out.toString();
    if (line.length() <= MAX_MESSAGE) {
      return line;
    }
    int keep = (MAX_MESSAGE - 40) / 2;
    int head = Character.isHighSurrogate(line.charAt(keep - 1)) ? keep - 1 : keep;
    int tail = line.length() - keep;
    tail = Character.isLowSurrogate(line.charAt(tail)) ? tail + 1 : tail;
    return line.substring(0, head)
        + " … ("
        + (tail - head)
        + " characters left out) … "
        + line.substring(tail);
  }
}
