package io.github.cloudeventshandler.conformance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what happened to a {@link ConformanceCase} with its sidecar. Each method collects every
 * difference and fails once with an {@link AssertionError} that names the case, the request and the
 * field.
 *
 * <p>Rules: {@code requests} must match in number and order; per request, {@code method}, {@code
 * path} and {@code query} are compared exactly; {@code ce} lists the exact set of {@code ce-*}
 * headers (names without the prefix, values percent-decoded once as the CloudEvents HTTP binding
 * says); {@code headers} must be present with exactly these values (others allowed; a value may be
 * an array for a repeated field); the body is compared by {@code body} (UTF-8 text), {@code
 * bodyJson} (as JSON, numbers by value), {@code bodySha256} or {@code bodyBase64}. A sidecar
 * without {@code requests} does not check requests, except that a case expecting an {@code error}
 * must not have reached the application at all.
 *
 * <pre>{@code
 * ConformanceAssertions.assertClassification(c, pipeline.classify(c.rawEvent(RawEvent.AWS)));
 * ConformanceAssertions.assertRequests(c, app.requests());
 * ConformanceAssertions.assertReply(c, lambdaResult);
 * }</pre>
 */
public final class ConformanceAssertions {
  private ConformanceAssertions() {}

  /**
   * Checks the sidecar's {@code classification}: {@code kind}, {@code route}, {@code delivery},
   * {@code reply} (the contract's {@code name()}) and {@code records} (the count), each when given.
   */
  public static void assertClassification(ConformanceCase c, ClassifiedEvent event) {
    JsonObject exp = c.object("classification").orElse(null);
    if (exp == null) {
      return;
    }
    List<String> diffs = new ArrayList<>();
    compareText(diffs, "classification.kind", exp, "kind", event.kind());
    compareText(diffs, "classification.route", exp, "route", event.route());
    compareText(diffs, "classification.delivery", exp, "delivery", event.delivery().name());
    compareText(diffs, "classification.reply", exp, "reply", event.reply().name());
    if (exp.has("records")) {
      int want = exp.get("records").getAsInt();
      if (want != event.records().size()) {
        diffs.add(
            "classification.records: expected " + want + " but was " + event.records().size());
      }
    }
    fail(c, diffs);
  }

  /** Checks every request the application received against the sidecar's {@code requests}. */
  public static void assertRequests(ConformanceCase c, List<AppRequest> actual) {
    JsonElement reqs = c.expected().get("requests");
    List<String> diffs = new ArrayList<>();
    if (reqs == null || reqs.isJsonNull()) {
      if (c.expectsError() && !actual.isEmpty()) {
        diffs.add(
            "the case must fail before reaching the application, but it received "
                + actual.size()
                + " request(s), first "
                + actual.get(0));
      }
      fail(c, diffs);
      return;
    }
    if (!reqs.isJsonArray()) {
      throw new IllegalStateException(c.id() + ": requests is not an array");
    }
    List<JsonElement> expected = reqs.getAsJsonArray().asList();
    if (expected.size() != actual.size()) {
      diffs.add(
          "expected "
              + expected.size()
              + " request(s) but the application received "
              + actual.size()
              + ": "
              + actual);
    }
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      AppRequest a = actual.get(i);
      String where =
          "request "
              + (i + 1)
              + " of "
              + expected.size()
              + " ("
              + a.method()
              + " "
              + a.target()
              + ")";
      compareRequest(c.id(), where, expected.get(i).getAsJsonObject(), a, diffs);
    }
    fail(c, diffs);
  }

  /** Checks a native reply (a Lambda result, ...) against the sidecar's {@code reply}, as JSON. */
  public static void assertReply(ConformanceCase c, JsonElement actual) {
    JsonElement exp = c.expected().get("reply");
    if (exp == null) {
      throw new IllegalStateException(c.id() + ": the sidecar has no reply to compare with");
    }
    List<String> diffs = new ArrayList<>();
    compareJson("reply", exp, actual, diffs);
    fail(c, diffs);
  }

  /**
   * Checks an HTTP-facing entry point's answer against {@code replyStatus}, {@code replyHeaders}
   * (present with these values) and {@code replyBody} (text) or {@code replyJson}.
   */
  public static void assertHttpReply(ConformanceCase c, AppResponse actual) {
    JsonObject exp = c.expected();
    if (!exp.has("replyStatus")) {
      throw new IllegalStateException(c.id() + ": the sidecar has no replyStatus to compare with");
    }
    List<String> diffs = new ArrayList<>();
    int status = exp.get("replyStatus").getAsInt();
    if (status != actual.status()) {
      diffs.add(
          "replyStatus: expected "
              + status
              + " but was "
              + actual.status()
              + " "
              + preview(actual));
    }
    if (exp.has("replyHeaders")) {
      compareHeaders(
          c.id(), "replyHeaders", exp.getAsJsonObject("replyHeaders"), actual.headers(), diffs);
    }
    if (exp.has("replyBody")) {
      String want = exp.get("replyBody").getAsString();
      if (!want.equals(actual.bodyText())) {
        diffs.add("replyBody: expected " + quote(want) + " but was " + quote(actual.bodyText()));
      }
    }
    if (exp.has("replyJson")) {
      compareJsonBody("replyJson", exp.get("replyJson"), actual.body(), diffs);
    }
    fail(c, diffs);
  }

  /**
   * Checks a failure against the sidecar's {@code error}: {@code type} (the simple name of the
   * exception's class or of a superclass), {@code problem} (for {@link BadEventException}) and
   * every {@code messageContains} fragment.
   */
  public static void assertError(ConformanceCase c, Throwable actual) {
    JsonObject exp = c.object("error").orElse(null);
    if (exp == null) {
      throw new AssertionError(
          "conformance case " + c.id() + " must not fail, but it threw " + actual, actual);
    }
    List<String> diffs = new ArrayList<>();
    if (exp.has("type")) {
      String want = exp.get("type").getAsString();
      boolean matches = false;
      for (Class<?> k = actual.getClass(); k != null; k = k.getSuperclass()) {
        matches |= k.getSimpleName().equals(want);
      }
      if (!matches) {
        diffs.add("error.type: expected " + want + " but was " + actual.getClass().getName());
      }
    }
    if (exp.has("problem")) {
      String want = exp.get("problem").getAsString();
      String was =
          actual instanceof BadEventException b ? b.problem().name() : "(not a BadEventException)";
      if (!want.equals(was)) {
        diffs.add("error.problem: expected " + want + " but was " + was);
      }
    }
    JsonElement contains = exp.get("messageContains");
    if (contains != null) {
      String message = String.valueOf(actual.getMessage());
      for (JsonElement fragment : contains.getAsJsonArray()) {
        if (!message.contains(fragment.getAsString())) {
          diffs.add(
              "error.messageContains: "
                  + quote(fragment.getAsString())
                  + " not in "
                  + quote(message));
        }
      }
    }
    if (!diffs.isEmpty()) {
      AssertionError e = failure(c, diffs);
      e.initCause(actual);
      throw e;
    }
  }

  /** Fails because a case that expects an error completed without one. */
  public static void assertNoErrorExpected(ConformanceCase c) {
    if (c.expectsError()) {
      throw new AssertionError(
          "conformance case "
              + c.id()
              + " must fail with "
              + c.expected().get("error")
              + ", but it did not");
    }
  }

  private static void compareRequest(
      String id, String where, JsonObject exp, AppRequest a, List<String> diffs) {
    compareText(diffs, where + ": method", exp, "method", a.method());
    compareText(diffs, where + ": path", exp, "path", a.path());
    if (exp.has("query")) {
      String want = exp.get("query").isJsonNull() ? null : exp.get("query").getAsString();
      String was = a.query() == null || a.query().isEmpty() ? null : a.query();
      if (!java.util.Objects.equals(want, was)) {
        diffs.add(where + ": query: expected " + quote(want) + " but was " + quote(was));
      }
    }
    if (exp.has("ce")) {
      compareCe(where, exp.getAsJsonObject("ce"), a.headers(), diffs);
    }
    if (exp.has("headers")) {
      compareHeaders(id, where + ": headers", exp.getAsJsonObject("headers"), a.headers(), diffs);
    }
    compareBody(where, exp, a.body(), diffs);
  }

  private static void compareCe(String where, JsonObject exp, Headers headers, List<String> diffs) {
    Map<String, List<String>> actual = new TreeMap<>();
    for (Map.Entry<String, String> f : headers.fields()) {
      String name = f.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("ce-")) {
        actual.computeIfAbsent(name.substring(3), k -> new ArrayList<>()).add(f.getValue());
      }
    }
    Set<String> names = new LinkedHashSet<>(exp.keySet());
    names.addAll(actual.keySet());
    for (String name : names) {
      JsonElement want = exp.get(name);
      List<String> was = actual.get(name);
      if (want == null) {
        diffs.add(where + ": unexpected header ce-" + name + ": " + was);
      } else if (was == null) {
        diffs.add(where + ": missing header ce-" + name + " (expected " + quote(text(want)) + ")");
      } else if (was.size() != 1) {
        diffs.add(where + ": header ce-" + name + " repeated: " + was);
      } else {
        String decoded;
        try {
          decoded = percentDecode(was.get(0));
        } catch (IllegalArgumentException e) {
          diffs.add(
              where
                  + ": header ce-"
                  + name
                  + " is not valid percent-encoded UTF-8: "
                  + quote(was.get(0)));
          continue;
        }
        if (!text(want).equals(decoded)) {
          diffs.add(
              where
                  + ": ce-"
                  + name
                  + ": expected "
                  + quote(text(want))
                  + " but was "
                  + quote(decoded)
                  + (decoded.equals(was.get(0)) ? "" : " (sent as " + quote(was.get(0)) + ")"));
        }
      }
    }
  }

  private static void compareHeaders(
      String id, String where, JsonObject exp, Headers headers, List<String> diffs) {
    for (Map.Entry<String, JsonElement> e : exp.entrySet()) {
      List<String> want = headerValues(id, where, e);
      List<String> was = headers.all(e.getKey());
      boolean ok =
          want.size() == 1 ? was.size() == 1 && was.get(0).equals(want.get(0)) : want.equals(was);
      if (!ok) {
        diffs.add(
            where
                + ": "
                + e.getKey()
                + ": expected "
                + (want.size() == 1 ? quote(want.get(0)) : want)
                + " but was "
                + (was.isEmpty() ? "absent" : was.size() == 1 ? quote(was.get(0)) : was));
      }
    }
  }

  private static void compareBody(String where, JsonObject exp, byte[] body, List<String> diffs) {
    if (exp.has("body")) {
      String want = exp.get("body").getAsString();
      String was = new String(body, StandardCharsets.UTF_8);
      if (!want.equals(was)) {
        diffs.add(where + ": body: expected " + quote(want) + " but was " + quote(was));
      }
    }
    if (exp.has("bodyJson")) {
      compareJsonBody(where + ": bodyJson", exp.get("bodyJson"), body, diffs);
    }
    if (exp.has("bodySha256")) {
      String want = exp.get("bodySha256").getAsString().toLowerCase(Locale.ROOT);
      String was = sha256(body);
      if (!want.equals(was)) {
        diffs.add(
            where
                + ": bodySha256: expected "
                + want
                + " but was "
                + was
                + " ("
                + body.length
                + " bytes: "
                + quote(new String(body, StandardCharsets.UTF_8))
                + ")");
      }
    }
    if (exp.has("bodyBase64")) {
      String want = exp.get("bodyBase64").getAsString();
      String was = Base64.getEncoder().encodeToString(body);
      if (!want.equals(was)) {
        diffs.add(where + ": bodyBase64: expected " + want + " but was " + was);
      }
    }
  }

  private static void compareJsonBody(
      String where, JsonElement want, byte[] body, List<String> diffs) {
    JsonElement was;
    try {
      was = StrictJson.parse(body, JsonLimits.DEFAULT, where);
    } catch (BadEventException e) {
      diffs.add(
          where
              + ": body is not JSON ("
              + e.getMessage()
              + "): "
              + quote(new String(body, StandardCharsets.UTF_8)));
      return;
    }
    compareJson(where, want, was, diffs);
  }

  /** Deep JSON comparison; numbers compare by value, object key order does not matter. */
  static void compareJson(String path, JsonElement want, JsonElement was, List<String> diffs) {
    if (want == null || want.isJsonNull()) {
      if (was != null && !was.isJsonNull()) {
        diffs.add(path + ": expected null but was " + was);
      }
      return;
    }
    if (was == null || was.isJsonNull()) {
      diffs.add(path + ": expected " + want + " but was " + (was == null ? "absent" : "null"));
      return;
    }
    if (want.isJsonObject()) {
      if (!was.isJsonObject()) {
        diffs.add(path + ": expected an object but was " + was);
        return;
      }
      JsonObject w = want.getAsJsonObject();
      JsonObject a = was.getAsJsonObject();
      for (String k : w.keySet()) {
        if (!a.has(k)) {
          diffs.add(path + "." + k + ": missing (expected " + w.get(k) + ")");
        } else {
          compareJson(path + "." + k, w.get(k), a.get(k), diffs);
        }
      }
      for (String k : a.keySet()) {
        if (!w.has(k)) {
          diffs.add(path + "." + k + ": unexpected " + a.get(k));
        }
      }
    } else if (want.isJsonArray()) {
      if (!was.isJsonArray()) {
        diffs.add(path + ": expected an array but was " + was);
        return;
      }
      List<JsonElement> w = want.getAsJsonArray().asList();
      List<JsonElement> a = was.getAsJsonArray().asList();
      if (w.size() != a.size()) {
        diffs.add(path + ": expected " + w.size() + " elements but was " + a.size() + ": " + was);
      }
      for (int i = 0; i < Math.min(w.size(), a.size()); i++) {
        compareJson(path + "[" + i + "]", w.get(i), a.get(i), diffs);
      }
    } else {
      JsonPrimitive w = want.getAsJsonPrimitive();
      if (!was.isJsonPrimitive()) {
        diffs.add(path + ": expected " + w + " but was " + was);
        return;
      }
      JsonPrimitive a = was.getAsJsonPrimitive();
      boolean same;
      if (w.isNumber() && a.isNumber()) {
        same = new BigDecimal(w.getAsString()).compareTo(new BigDecimal(a.getAsString())) == 0;
      } else {
        same =
            w.isString() == a.isString()
                && w.isBoolean() == a.isBoolean()
                && w.isNumber() == a.isNumber()
                && w.getAsString().equals(a.getAsString());
      }
      if (!same) {
        diffs.add(path + ": expected " + w + " but was " + a);
      }
    }
  }

  static List<String> headerValues(String id, String where, Map.Entry<String, JsonElement> e) {
    JsonElement v = e.getValue();
    if (v.isJsonArray()) {
      List<String> out = new ArrayList<>();
      v.getAsJsonArray().forEach(x -> out.add(text(x)));
      return out;
    }
    if (!v.isJsonPrimitive()) {
      throw new IllegalStateException(
          id + ": " + where + "." + e.getKey() + " must be a string or an array of strings");
    }
    return List.of(text(v));
  }

  /** One round of percent-decoding into UTF-8, rejecting malformed escapes and invalid UTF-8. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated escape");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad escape");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("invalid UTF-8", e);
    }
  }

  private static void compareText(
      List<String> diffs, String where, JsonObject exp, String field, String was) {
    if (exp.has(field)) {
      String want = text(exp.get(field));
      if (!want.equals(was)) {
        diffs.add(where + ": expected " + quote(want) + " but was " + quote(was));
      }
    }
  }

  private static String text(JsonElement e) {
    if (e.isJsonPrimitive()) {
      return e.getAsString();
    }
    return e.toString();
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
  }

  private static String preview(AppResponse r) {
    String body = r.bodyText();
    return "(body " + quote(body.length() > 300 ? body.substring(0, 300) + "…" : body) + ")";
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < s.length() && i < 500; i++) {
      char ch = s.charAt(i);
      if (ch == '\n') {
        sb.append("\\n");
      } else if (ch == '\r') {
        sb.append("\\r");
      } else if (ch < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.append(s.length() > 500 ? "…'" : "'").toString();
  }

  private static void fail(ConformanceCase c, List<String> diffs) {
    if (!diffs.isEmpty()) {
      throw failure(c, diffs);
    }
  }

  private static AssertionError failure(ConformanceCase c, List<String> diffs) {
    StringBuilder sb = new StringBuilder("conformance case ").append(c.id());
    if (!c.description().isEmpty()) {
      sb.append(" (").append(c.description()).append(')');
    }
    sb.append(": ").append(diffs.size()).append(diffs.size() == 1 ? " difference" : " differences");
    for (String d : diffs) {
      sb.append("\n  - ").append(d);
    }
    return new AssertionError(sb.toString());
  }
}
