package io.github.cloudeventshandler.runner;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.RequestAttributes;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one delivery through a real entry point did.
 *
 * @param label the event's label
 * @param entryPoint the entry point it went through; null when none could be told
 * @param reply the entry point's native reply as an HTTP-shaped answer: for HTTP entry points their
 *     status, headers and body; for Lambda 200 and the result JSON; for void entry points (GCP
 *     CloudEvents / background, Azure triggers) 200 and no body; null when the entry point threw
 * @param error the exception the entry point threw, or null
 * @param exchanges every request the application received, with its answer
 */
record Outcome(
    String label,
    EntryPoint entryPoint,
    AppResponse reply,
    RuntimeException error,
    List<AnswerLog.Exchange> exchanges) {

  Outcome {
    exchanges = List.copyOf(exchanges);
  }

  /**
   * Whether the event counts as failed: the entry point threw, answered an HTTP status of 400 or
   * more, reported failed records (a non-empty Lambda {@code batchItemFailures}), or the
   * application answered a request with something other than 2xx.
   */
  boolean failed() {
    if (error != null || (reply != null && reply.status() >= 400)) {
      return true;
    }
    if (entryPoint == EntryPoint.LAMBDA
        && reply != null
        && reply.bodyText().matches("(?s).*\"batchItemFailures\"\\s*:\\s*\\[\\s*\\{.*")) {
      return true;
    }
    return exchanges.stream().anyMatch(x -> x.response() == null || !x.response().isSuccess());
  }

  /** The kind the classifier gave, from what the application received; {@code -} if nothing. */
  String kind() {
    return exchanges.isEmpty()
        ? "-"
        : String.valueOf(
            exchanges.get(0).request().attributes().getOrDefault(RequestAttributes.KIND, "http"));
  }

  /** The path of the first request the application received; {@code -} if nothing. */
  String route() {
    return exchanges.isEmpty() ? "-" : exchanges.get(0).request().path();
  }

  /** {@code ok}, {@code FAILED}, {@code error:Type}, with the HTTP status for HTTP entry points. */
  String status() {
    String s;
    if (error != null) {
      s = "error:" + error.getClass().getSimpleName();
    } else if (entryPoint != null && entryPoint.isHttp() && reply != null) {
      s = "HTTP " + reply.status() + (failed() ? " FAILED" : "");
    } else {
      s = failed() ? "FAILED" : "ok";
    }
    if (!exchanges.isEmpty()) {
      s +=
          " app="
              + exchanges.stream()
                  .map(x -> x.response() == null ? "none" : String.valueOf(x.response().status()))
                  .collect(Collectors.joining(","));
    }
    return s;
  }

  /**
   * The answer to show: the error message, else the last application answer's body, else the native
   * reply's body.
   */
  String answer() {
    if (error != null) {
      return String.valueOf(error.getMessage());
    }
    for (int i = exchanges.size() - 1; i >= 0; i--) {
      AnswerLog.Exchange x = exchanges.get(i);
      if (x.response() != null) {
        return x.response().bodyText();
      }
      return x.error();
    }
    return reply == null ? "" : reply.bodyText();
  }

  /** One printable line: label, entry point, kind, route, status, the answer (truncated). */
  String line(int width) {
    return String.join(
        "  ",
        label,
        entryPoint == null ? "unknown" : entryPoint.label(),
        kind(),
        route(),
        status(),
        truncate(answer().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip(), width));
  }

  static String truncate(String s, int width) {
    return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
  }
}
