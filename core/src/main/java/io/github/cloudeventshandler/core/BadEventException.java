package io.github.cloudeventshandler.core;

import java.util.Objects;

/**
 * The input claims to be an event but is broken: malformed JSON, too large, too deeply nested, a
 * missing or invalid attribute, an unsafe path or header value. Maps to the platform's "bad
 * request" signal (HTTP 400, or 413 for {@link Problem#TOO_LARGE}, 431 for {@link
 * Problem#HEADERS_TOO_LARGE}); on Lambda it is thrown so the event goes to its on-failure
 * destination instead of being dropped.
 *
 * <p>The message always names the provider and source when known, the field, the event id when
 * known, and the section of {@code docs/troubleshooting.md} that explains the problem.
 *
 * <pre>{@code
 * try {
 *   pipeline.classify(raw);
 * } catch (BadEventException e) {
 *   respond(e.problem().httpStatus(), e.getMessage());
 * }
 * }</pre>
 */
public class BadEventException extends CloudEventsHandlerException {
  private static final long serialVersionUID = 1L;

  /** What kind of problem the input has; each has a section in docs/troubleshooting.md. */
  public enum Problem {
    /** The body is not JSON, is truncated, or uses a non-standard JSON extension. */
    MALFORMED_JSON(400, "malformed-json"),
    /** The same object key appears twice. */
    DUPLICATE_KEY(400, "duplicate-key"),
    /** JSON nested deeper than the configured limit. */
    TOO_DEEP(400, "too-deep"),
    /** The body is larger than the configured cap; checked before parsing. */
    TOO_LARGE(413, "too-large"),
    /** A required field or attribute is absent or empty. */
    MISSING_FIELD(400, "missing-field"),
    /** A field is present but its value is invalid (wrong type, bad encoding, bad name). */
    INVALID_FIELD(400, "invalid-field"),
    /** An event-derived path segment would escape its route (dot segments, slashes, controls). */
    UNSAFE_PATH(400, "unsafe-path"),
    /**
     * An event-derived header name or value cannot be sent safely (CR/LF, bad percent-encoding).
     */
    UNSAFE_HEADER(400, "unsafe-header"),
    /**
     * The request line and headers of an HTTP request an event carries are larger than the bridge
     * accepts.
     */
    HEADERS_TOO_LARGE(431, "headers-too-large"),
    /** The input mixes things that cannot be handled together (e.g. a batch of two sources). */
    INCONSISTENT(400, "inconsistent"),
    /** A signature or token is absent or does not verify. */
    UNAUTHENTICATED(401, "unauthenticated"),
    /** The sender is authenticated but not allowed (wrong audience, subscription not allowed). */
    FORBIDDEN(403, "forbidden");

    private final int httpStatus;
    private final String anchor;

    Problem(int httpStatus, String anchor) {
      this.httpStatus = httpStatus;
      this.anchor = anchor;
    }

    /** The HTTP status an HTTP-facing adapter answers with. */
    public int httpStatus() {
      return httpStatus;
    }

    /** The anchor of this problem's section in {@code docs/troubleshooting.md}. */
    public String anchor() {
      return anchor;
    }
  }

  private final Problem problem;

  /**
   * Creates the exception.
   *
   * @param problem what kind of problem
   * @param message names provider/source, field and event id when known; the troubleshooting anchor
   *     is appended automatically
   */
  public BadEventException(Problem problem, String message) {
    super(withAnchor(problem, message));
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** Creates the exception with a cause. */
  public BadEventException(Problem problem, String message, Throwable cause) {
    super(withAnchor(problem, message), cause);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** What kind of problem the input has. */
  public Problem problem() {
    return problem;
  }

  private static String withAnchor(Problem problem, String message) {
    return message + " (see docs/troubleshooting.md#" + problem.anchor() + ")";
  }
}
