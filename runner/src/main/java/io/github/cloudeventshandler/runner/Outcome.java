package io.github.cloudeventshandler.runner;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.RequestAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** The indentation of the {@link #details} lines. */
  static final String DETAIL = "    ";

  /** How long a nested value of a Lambda result may be before {@link #compact} shortens it. */
  private static final int NESTED = 40;

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
    return !failedExchanges().isEmpty();
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

  /**
   * {@code ok}, {@code FAILED}, {@code error:Type}, with the HTTP status for HTTP entry points, the
   * application's statuses, and the {@code CEH-*} headers of its answers (this project's filters
   * mark an answer with them, e.g. {@code CEH-Idempotency: replayed}).
   */
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
      // what this project's own filters say about an answer (CEH-Idempotency: replayed)
      String marks =
          exchanges.stream()
              .filter(x -> x.response() != null)
              .flatMap(x -> x.response().headers().fields().stream())
              .filter(f -> f.getKey().regionMatches(true, 0, "CEH-", 0, 4))
              .map(f -> f.getKey() + ": " + f.getValue())
              .distinct()
              .collect(Collectors.joining(", "));
      if (!marks.isEmpty()) {
        s += " (" + marks + ")";
      }
    }
    return s;
  }

  /**
   * The answer to show: the error message, else the first answer that was not 2xx (the one that
   * made the event fail), else the last application answer's body, else the native reply's body.
   */
  String answer() {
    if (error != null) {
      return String.valueOf(error.getMessage());
    }
    List<AnswerLog.Exchange> failed = failedExchanges();
    if (!failed.isEmpty()) {
      return answerOf(failed.get(0));
    }
    if (!exchanges.isEmpty()) {
      return answerOf(exchanges.get(exchanges.size() - 1));
    }
    return reply == null ? "" : reply.bodyText();
  }

  private static String answerOf(AnswerLog.Exchange x) {
    return x.response() != null ? x.response().bodyText() : String.valueOf(x.error());
  }

  /** The requests the application did not answer 2xx (or did not answer at all), in order. */
  List<AnswerLog.Exchange> failedExchanges() {
    return exchanges.stream()
        .filter(x -> x.response() == null || !x.response().isSuccess())
        .toList();
  }

  /**
   * Which record a request was for: the item id the platform reports failures by (SQS {@code
   * messageId}, Kinesis and DynamoDB sequence numbers, ...), else the CloudEvent id, else the
   * request line.
   */
  static String recordOf(AppRequest request) {
    Object item = request.attributes().get(RequestAttributes.ITEM_ID);
    if (item != null) {
      return item.toString();
    }
    return request.headers().first("ce-id").orElse(request.method() + " " + request.path());
  }

  /**
   * What the platform gets back, in words: the Lambda result JSON, the HTTP status and body of an
   * HTTP entry point, {@code returned normally} for entry points that return nothing (GCP
   * CloudEvents and background functions, Azure triggers: the platform counts the event as
   * handled), or the exception the entry point threw (the platform counts the invocation as
   * failed).
   */
  String platformReply(int width) {
    if (error != null) {
      return "threw " + error.getClass().getSimpleName() + ": " + error.getMessage();
    }
    if (reply == null || entryPoint == null) {
      return "-";
    }
    if (entryPoint == EntryPoint.LAMBDA) {
      return compact(reply.bodyText(), width);
    }
    if (entryPoint.isHttp()) {
      return "HTTP " + reply.status() + (reply.bodyLength() > 0 ? "  " + reply.bodyText() : "");
    }
    return "returned normally (the event counts as handled)";
  }

  /**
   * A Lambda result JSON as a reader needs it: whole when it fits in {@code width}; otherwise each
   * top-level field in order, with nested objects longer than {@value #NESTED} characters shown as
   * {@code {…}} and long strings cut, so that {@code statusCode} and {@code body} stay visible next
   * to the headers. Arrays ({@code batchItemFailures}) stay whole.
   */
  static String compact(String json, int width) {
    if (json.length() <= width) {
      return json;
    }
    JsonElement tree;
    try {
      tree = JsonParser.parseString(json);
    } catch (RuntimeException e) {
      return json;
    }
    if (!tree.isJsonObject()) {
      return json;
    }
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, JsonElement> f : tree.getAsJsonObject().entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(new JsonPrimitive(f.getKey())).append(':');
      JsonElement v = f.getValue();
      String text = v.toString();
      if (v.isJsonObject() && text.length() > NESTED) {
        sb.append("{…}");
      } else if (v.isJsonPrimitive() && text.length() > NESTED * 2) {
        sb.append(text, 0, NESTED * 2).append('…');
      } else {
        sb.append(text);
      }
    }
    return sb.append('}').toString();
  }

  /**
   * The lines under the summary line: one per record the application did not handle (naming the
   * record), then the platform's reply.
   */
  List<String> details(int width) {
    List<String> lines = new ArrayList<>();
    for (AnswerLog.Exchange x : failedExchanges()) {
      String what =
          x.response() == null
              ? "no answer: " + x.error()
              : "app answered " + x.response().status() + "  " + x.response().bodyText();
      lines.add(
          DETAIL
              + "failed record "
              + recordOf(x.request())
              + ": "
              + truncate(oneLine(what), width));
    }
    lines.add(DETAIL + "reply: " + truncate(oneLine(platformReply(width)), width));
    return lines;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
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
        truncate(oneLine(answer()), width));
  }

  static String truncate(String s, int width) {
    return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
  }
}
