package io.github.cloudeventshandler.benchmarks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The side-by-side correctness check: both handlers must give API Gateway the same answer. A failed
 * check fails the run; it is not a figure.
 */
final class ReplyCheck {
  /** The header the echo app's filter adds. */
  static final String FILTER_HEADER = "x-bench-filter";

  private ReplyCheck() {}

  /**
   * An HTTP API (payload 2.0) reply: status, headers by lower-case name (single-value {@code
   * headers}, else the first of {@code multiValueHeaders}), body.
   */
  record Reply(int status, Map<String, String> headers, String body) {
    static Reply parse(String json) {
      JsonObject o;
      try {
        o = JsonParser.parseString(json).getAsJsonObject();
      } catch (RuntimeException e) {
        throw new IllegalStateException("not a JSON object: " + abbreviate(json), e);
      }
      if (!o.has("statusCode")) {
        throw new IllegalStateException("no statusCode: " + abbreviate(json));
      }
      Map<String, String> headers = new TreeMap<>();
      if (o.has("multiValueHeaders") && o.get("multiValueHeaders").isJsonObject()) {
        for (var e : o.getAsJsonObject("multiValueHeaders").entrySet()) {
          if (e.getValue().isJsonArray() && !e.getValue().getAsJsonArray().isEmpty()) {
            headers.put(
                e.getKey().toLowerCase(Locale.ROOT),
                e.getValue().getAsJsonArray().get(0).getAsString());
          }
        }
      }
      if (o.has("headers") && o.get("headers").isJsonObject()) {
        for (var e : o.getAsJsonObject("headers").entrySet()) {
          headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().getAsString());
        }
      }
      JsonElement body = o.get("body");
      return new Reply(
          o.get("statusCode").getAsInt(),
          headers,
          body == null || body.isJsonNull() ? "" : body.getAsString());
    }
  }

  /**
   * What differs between A's and B's answer to {@code POST /echo}, or what either got wrong: each
   * must be 200 with {@code X-Bench-Filter: ran}, the same {@code Content-Type}, and the same body:
   * {@code bodyLength} 1,024 and the same request content type (compared without case: charset
   * names are case-insensitive, and Jetty writes {@code utf-8} where aws-serverless-java-container
   * writes {@code UTF-8}).
   */
  static List<String> echo(String a, String b) {
    List<String> problems = new ArrayList<>();
    Reply ra = Reply.parse(a);
    Reply rb = Reply.parse(b);
    for (var e : List.of(Map.entry("A", ra), Map.entry("B", rb))) {
      Reply r = e.getValue();
      if (r.status() != 200) {
        problems.add(e.getKey() + " answered " + r.status() + ": " + abbreviate(r.body()));
      }
      if (!"ran".equals(r.headers().get(FILTER_HEADER))) {
        problems.add(e.getKey() + " has no X-Bench-Filter: ran (the filter did not run)");
      }
      JsonObject body = parseBody(r.body());
      if (body == null || !body.has("bodyLength")) {
        problems.add(e.getKey() + " body is not the echo: " + abbreviate(r.body()));
      } else if (body.get("bodyLength").getAsInt() != HarnessEvents.ECHO_BODY_BYTES) {
        problems.add(e.getKey() + " saw a body of " + body.get("bodyLength") + " bytes");
      }
    }
    if (!String.valueOf(ra.headers().get("content-type"))
        .equalsIgnoreCase(String.valueOf(rb.headers().get("content-type")))) {
      problems.add(
          "Content-Type differs: A "
              + ra.headers().get("content-type")
              + ", B "
              + rb.headers().get("content-type"));
    }
    if (!ra.body().equalsIgnoreCase(rb.body())) {
      problems.add("bodies differ: A " + ra.body() + ", B " + rb.body());
    }
    return problems;
  }

  /** Both answered 200 with the same body (the books app's {@code GET /books}). */
  static List<String> sameBody(String a, String b) {
    List<String> problems = new ArrayList<>();
    Reply ra = Reply.parse(a);
    Reply rb = Reply.parse(b);
    if (ra.status() != 200 || rb.status() != 200) {
      problems.add("status A " + ra.status() + ", B " + rb.status());
    }
    if (!ra.body().equals(rb.body())) {
      problems.add("bodies differ: A " + abbreviate(ra.body()) + ", B " + abbreviate(rb.body()));
    }
    return problems;
  }

  private static JsonObject parseBody(String body) {
    try {
      JsonElement e = JsonParser.parseString(body);
      return e.isJsonObject() ? e.getAsJsonObject() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }
}
