package io.github.cloudeventshandler.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Structure-aware mutations of recorded events, driven by {@link FuzzData}: the fuzzer's bytes pick
 * what to change and how, so coverage guidance works on the decisions rather than on JSON syntax.
 *
 * <ul>
 *   <li>JSON bodies are changed as trees: a value swapped for one of another type, hostile text
 *       (controls, {@code %}-escapes, dot segments, lone surrogates, a Kelvin sign, 70,000
 *       characters, …), numbers at the limits, a member removed, renamed (case too: {@code
 *       specVersion}) or written twice, deep nesting, a subtree copied elsewhere, an array grown to
 *       many records, a JSON document inside a string (an SNS {@code Message}, an Event Grid body)
 *       changed as a tree too;
 *   <li>then, sometimes, the serialised bytes: flipped, cut, spliced, invalid UTF-8, a BOM;
 *   <li>for HTTP deliveries, the headers (added, removed, duplicated under another case, hostile
 *       values) and the request line.
 * </ul>
 *
 * Each change is described in the run's trail ({@code $.Records[0].s3.object.key := "…"}), which a
 * finding's report shows.
 */
public final class FuzzMutations {
  /** Text that stresses attribute derivation, routes, header encoding and parsers. */
  static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "a b <c> {d} |e| ^`\\\"",
          "x\r\ny\u0000z\u0085",
          "\t",
          ".",
          "..",
          "a/../b",
          "../../etc/passwd",
          "/",
          "//",
          "\\",
          "a\\b",
          "%",
          "%%%",
          "%00",
          "%2F",
          "%2e%2e",
          "%25",
          "%C0%AE%2F",
          "%E2%82",
          "caf\u00e9",
          "\u212A",
          "\u0130",
          "\uD83D\uDE00",
          "\uD800",
          "\uDC00x",
          "\uFEFF",
          "\u2028\u2029",
          "\u202E",
          "\uFFFD",
          "1970-13-45T99:99:99Z",
          "2024-02-30T00:00:00Z",
          "1e999999999",
          "-0",
          "NaN",
          ":",
          "#a#b",
          "?q=1",
          "a;b",
          "a,b",
          "=",
          "http://",
          "//x",
          "urn:",
          "aws.s3",
          "google.cloud.storage.object.v1.finalized",
          "Microsoft.Storage.BlobCreated",
          "null",
          "{}",
          "[]",
          "{\"a\":1}",
          "Bearer x",
          "x".repeat(5000),
          "y".repeat(70_000),
          "\u20ac".repeat(30_000));

  /** Values of every JSON type. */
  static final List<JsonElement> SWAPS =
      List.of(
          new JsonPrimitive("x"),
          new JsonPrimitive(""),
          new JsonPrimitive(0),
          new JsonPrimitive(-1.5e300),
          new JsonPrimitive(true),
          JsonNull.INSTANCE,
          new JsonObject(),
          new JsonArray(),
          arrayOf(JsonNull.INSTANCE),
          arrayOf(new JsonArray()),
          arrayOf(new JsonObject()),
          arrayOf(new JsonPrimitive("x")));

  /** Numbers at and beyond the limits of int, long, double and JSON itself. */
  static final List<Number> NUMBERS =
      List.of(
          0,
          -0.0,
          -1,
          2147483648L,
          -2147483649L,
          9007199254740993L,
          new BigDecimal("18446744073709551616"),
          1e308,
          -1e308,
          4.9e-324,
          new BigDecimal("1e-400"),
          new BigDecimal("1e999999999"),
          0.5,
          new BigDecimal("123456789012345678901234567890.5"));

  /** Member names events use, and near misses of them. */
  static final List<String> KEYS =
      List.of(
          "specversion",
          "specVersion",
          "SpecVersion",
          "id",
          "source",
          "type",
          "subject",
          "time",
          "data",
          "data_base64",
          "datacontenttype",
          "dataschema",
          "Records",
          "records",
          "eventSource",
          "EventSource",
          "eventType",
          "eventTime",
          "topic",
          "message",
          "subscription",
          "detail-type",
          "version",
          "headers",
          "multiValueHeaders",
          "queryStringParameters",
          "cookies",
          "requestContext",
          "body",
          "isBase64Encoded",
          "Message",
          "Type",
          "extension",
          "x".repeat(300));

  /** Header names the entry points and the bridge look at. */
  static final List<String> HEADER_NAMES =
      List.of(
          "Content-Type",
          "content-type",
          "ce-specversion",
          "ce-id",
          "ce-source",
          "ce-type",
          "ce-time",
          "ce-subject",
          "ce-dataschema",
          "ce-datacontenttype",
          "ce-data",
          "ce-traceparent",
          "CE-ID",
          "Authorization",
          "authorization",
          "Host",
          "Content-Length",
          "Transfer-Encoding",
          "Connection",
          "Expect",
          "CEH-Dispatch-Token",
          "ceh-truncated",
          "x-amz-sns-message-type",
          "x-amz-sns-topic-arn",
          "aeg-event-type",
          "aeg-subscription-name",
          "WebHook-Request-Origin",
          "WebHook-Request-Callback",
          "WebHook-Request-Rate",
          "ce-connectionId",
          "CE-CONNECTIONID",
          "ce-signature",
          "ce-hub",
          "ce-eventName",
          "ce-userId",
          "Cookie",
          "Origin",
          "x y",
          "a\u00e9");

  /** Header values beyond {@link #HOSTILE}: media types and near misses. */
  static final List<String> HEADER_VALUES =
      List.of(
          "application/json",
          "application/cloudevents+json",
          "APPLICATION/CLOUDEVENTS+JSON; charset=utf-8",
          "application/cloudevents-batch+json",
          "text/plain; charset=utf-8",
          "application/octet-stream",
          "application/json; charset=\u00e9",
          "application/cloudevents+json; charset=utf-16",
          "multipart/form-data; boundary=x",
          "1.0",
          "0.3",
          "Notification",
          "SubscriptionConfirmation",
          "SubscriptionValidation",
          "Notification",
          "localhost",
          "example.com:99999",
          "[::1]",
          "*");

  private static final List<String> METHODS =
      List.of("POST", "GET", "PUT", "DELETE", "OPTIONS", "PATCH", "HEAD", "TRACE", "BREW", "P OST");

  private static final JsonLimits INNER = new JsonLimits(8 << 20, 64);

  /** The longest string a text change makes (the hostile texts reach 70,000). */
  static final int MAX_TEXT = 200_000;

  private FuzzMutations() {}

  /**
   * A mutated copy of an event: up to seven changes, each described in {@code trail}; none when the
   * data says so (the seed as recorded). Header and request-line changes only when {@code http}.
   */
  public static FuzzEvent event(FuzzEvent e, FuzzData d, boolean http, List<String> trail) {
    return event(e, tree(e.body()), d, http, trail);
  }

  /**
   * {@link #event(FuzzEvent, FuzzData, boolean, List)} for an event whose body was parsed already
   * ({@code tree}, or null when it is no strict JSON); the tree is not changed.
   */
  static FuzzEvent event(
      FuzzEvent e, JsonElement tree, FuzzData d, boolean http, List<String> trail) {
    int changes = d.pick(8);
    if (changes == 0) {
      return e;
    }
    Body body = Body.of(e.body(), tree == null ? null : tree.deepCopy());
    Headers.Builder headers = e.headers().toBuilder();
    String method = e.method();
    String path = e.path();
    String query = e.query();
    for (int i = 0; i < changes && !d.exhausted(); i++) {
      // mostly the JSON tree; sometimes the bytes; for HTTP also headers and the request line
      int where = d.pick(http ? 10 : 8);
      if (where == (http ? 6 : 7)) {
        body.raw(d, trail);
      } else if (!http || where < 6) {
        body.change(d, trail);
      } else if (where < 9) {
        headers = header(e.headers(), headers.build(), d, trail);
      } else {
        switch (d.pick(3)) {
          case 0 -> {
            method = d.flag() ? d.oneOf(METHODS) : d.text(8);
            trail.add("method := " + show(method));
          }
          case 1 -> {
            path = text(path, d);
            trail.add("path := " + show(path));
          }
          default -> {
            query = d.flag() ? null : text(query == null ? "a=1" : query, d);
            trail.add("query := " + (query == null ? "none" : show(query)));
          }
        }
      }
    }
    return new FuzzEvent(method, path, query, headers.build(), body.bytes());
  }

  /** A body as a JSON tree, or null when it is no strict JSON. */
  static JsonElement tree(byte[] body) {
    try {
      return StrictJson.parse(body, INNER, "seed");
    } catch (BadEventException e) {
      return null;
    }
  }

  /** Hostile text: one of {@link #HOSTILE}, or text straight from the data. */
  public static String hostileText(FuzzData d) {
    return d.flag() ? d.oneOf(HOSTILE) : d.text(64);
  }

  /**
   * A changed copy of a string: a hostile piece inserted, cut, repeated, case-changed, encoded; at
   * most {@value #MAX_TEXT} characters, so that changes of changes stay bounded.
   */
  public static String text(String s, FuzzData d) {
    String t = edit(s, d);
    return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
  }

  private static String edit(String s, FuzzData d) {
    int at = s.isEmpty() ? 0 : d.pick(s.length() + 1);
    return switch (d.pick(7)) {
      case 0 -> s.substring(0, at) + hostileText(d) + s.substring(at);
      case 1 -> s.substring(0, at);
      case 2 -> s.repeat(Math.min(1 + d.pick(64), 1 + MAX_TEXT / Math.max(1, s.length())));
      case 3 -> d.flag() ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
      case 4 -> percentEncode(s);
      case 5 -> s + d.text(16);
      default -> hostileText(d);
    };
  }

  /** A short, printable rendering of a value for the trail. */
  static String show(Object value) {
    String s = String.valueOf(value);
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 60; i++) {
      char c = s.charAt(i);
      out.append(
          AttributeValues.isControl(c) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
              ? uEscape(c)
              : c);
    }
    return out.append(s.length() > 60 ? "…\" (" + s.length() + " chars)" : "\"").toString();
  }

  private static Headers.Builder header(
      Headers original, Headers current, FuzzData d, List<String> trail) {
    List<Map.Entry<String, String>> fields = new ArrayList<>(current.fields());
    int op = d.pick(5);
    if (fields.isEmpty() || op == 0) {
      String name =
          d.flag()
              ? d.oneOf(HEADER_NAMES)
              : d.flag() && !original.fields().isEmpty()
                  ? d.oneOf(original.fields()).getKey()
                  : d.text(16);
      String value = d.flag() ? d.oneOf(HEADER_VALUES) : hostileText(d);
      fields.add(d.pick(fields.size() + 1), Map.entry(name, value));
      trail.add("header " + show(name) + " added: " + show(value));
    } else {
      int i = d.pick(fields.size());
      Map.Entry<String, String> f = fields.get(i);
      switch (op) {
        case 1 -> {
          fields.remove(i);
          trail.add("header " + show(f.getKey()) + " removed");
        }
        case 2 -> {
          String value = d.flag() ? text(f.getValue(), d) : hostileText(d);
          fields.set(i, Map.entry(f.getKey(), value));
          trail.add("header " + show(f.getKey()) + " := " + show(value));
        }
        case 3 -> {
          String name = otherCase(f.getKey(), d);
          String value = d.flag() ? f.getValue() : hostileText(d);
          fields.add(d.pick(fields.size() + 1), Map.entry(name, value));
          trail.add(
              "header " + show(f.getKey()) + " repeated as " + show(name) + ": " + show(value));
        }
        default -> {
          String name = d.flag() ? otherCase(f.getKey(), d) : text(f.getKey(), d);
          fields.set(i, Map.entry(name, f.getValue()));
          trail.add("header " + show(f.getKey()) + " renamed " + show(name));
        }
      }
    }
    Headers.Builder out = Headers.builder();
    fields.forEach(f -> out.add(f.getKey(), f.getValue()));
    return out;
  }

  private static String otherCase(String name, FuzzData d) {
    return switch (d.pick(3)) {
      case 0 -> name.toUpperCase(Locale.ROOT);
      case 1 -> name.toLowerCase(Locale.ROOT);
      default -> {
        StringBuilder s = new StringBuilder(name);
        for (int i = 0; i < s.length(); i += 2) {
          s.setCharAt(i, Character.toUpperCase(s.charAt(i)));
        }
        yield s.toString();
      }
    };
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static String percentEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
    return out.toString();
  }

  private static String uEscape(char c) {
    return new String(
        new char[] {
          '\\', 'u', HEX[c >> 12], HEX[(c >> 8) & 0xF], HEX[(c >> 4) & 0xF], HEX[c & 0xF]
        });
  }

  private static JsonArray arrayOf(JsonElement e) {
    JsonArray a = new JsonArray();
    a.add(e);
    return a;
  }

  /**
   * A body being mutated: a JSON tree while it parses as strict JSON, bytes otherwise (and from the
   * first byte-level change on); members to write twice are kept aside, as a tree cannot hold them.
   */
  private static final class Body {
    private JsonElement tree;
    private byte[] bytes;
    private final IdentityHashMap<JsonObject, List<Map.Entry<String, JsonElement>>> twice =
        new IdentityHashMap<>();

    static Body of(byte[] body, JsonElement tree) {
      Body b = new Body();
      b.bytes = body;
      b.tree = tree;
      return b;
    }

    byte[] bytes() {
      if (tree != null) {
        StringBuilder out = new StringBuilder();
        write(out, tree, twice);
        return out.toString().getBytes(StandardCharsets.UTF_8);
      }
      return bytes;
    }

    void change(FuzzData d, List<String> trail) {
      if (tree == null) {
        raw(d, trail);
        return;
      }
      tree = mutate(tree, d, trail, "$", twice, 0);
    }

    void raw(FuzzData d, List<String> trail) {
      byte[] b = bytes();
      tree = null;
      twice.clear();
      int at = b.length == 0 ? 0 : d.pick(Math.min(b.length, 65536));
      ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 8);
      switch (d.pick(7)) {
        case 0 -> {
          if (b.length > 0) {
            b = b.clone();
            b[at] ^= (byte) (1 << d.pick(8));
          }
          trail.add("byte " + at + " flipped");
          bytes = b;
          return;
        }
        case 1 -> {
          byte[] insert = {(byte) d.next()};
          splice(out, b, at, at, insert);
          trail.add("byte inserted at " + at);
        }
        case 2 -> {
          int end = Math.min(b.length, at + 1 + d.pick(64));
          splice(out, b, at, end, new byte[0]);
          trail.add("bytes " + at + ".." + end + " removed");
        }
        case 3 -> {
          splice(out, b, at, b.length, new byte[0]);
          trail.add("cut at " + at);
        }
        case 4 -> {
          splice(out, b, 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
          trail.add("BOM prepended");
        }
        case 5 -> {
          byte[][] invalid = {
            {(byte) 0xC0, (byte) 0xAE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {0}
          };
          splice(out, b, at, at, invalid[d.pick(invalid.length)]);
          trail.add("invalid UTF-8 inserted at " + at);
        }
        default -> {
          int end = Math.min(b.length, at + 1 + d.pick(256));
          byte[] piece = java.util.Arrays.copyOfRange(b, at, end);
          splice(out, b, end, end, piece);
          trail.add("bytes " + at + ".." + end + " repeated");
        }
      }
      bytes = out.toByteArray();
    }

    private static void splice(ByteArrayOutputStream out, byte[] b, int from, int to, byte[] in) {
      out.write(b, 0, from);
      out.write(in, 0, in.length);
      out.write(b, to, b.length - to);
    }
  }

  /**
   * One place in a tree: the container and the member name or index (root: no container), and the
   * place of the container, from which the path is spelled out only when a change is described.
   */
  private record Place(Place parent, JsonElement container, String key, int index, String root) {
    JsonElement get(JsonElement tree) {
      if (container == null) {
        return tree;
      }
      return container.isJsonObject()
          ? container.getAsJsonObject().get(key)
          : container.getAsJsonArray().get(index);
    }

    /** Sets the value here; returns the (possibly new) root. */
    JsonElement set(JsonElement tree, JsonElement value) {
      if (container == null) {
        return value;
      }
      if (container.isJsonObject()) {
        container.getAsJsonObject().add(key, value);
      } else {
        container.getAsJsonArray().set(index, value);
      }
      return tree;
    }

    /** {@code $.Records[0].s3}; long member names cut. */
    String path() {
      if (parent == null) {
        return root;
      }
      String name =
          key == null
              ? "[" + index + "]"
              : "." + (key.length() > 40 ? key.substring(0, 40) + "…" : key);
      return parent.path() + name;
    }
  }

  private static void places(JsonElement e, Place here, List<Place> out) {
    out.add(here);
    if (out.size() > 20_000) {
      return;
    }
    if (e.isJsonObject()) {
      for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
        places(m.getValue(), new Place(here, e, m.getKey(), -1, null), out);
      }
    } else if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      for (int i = 0; i < a.size(); i++) {
        places(a.get(i), new Place(here, e, null, i, null), out);
      }
    }
  }

  private static JsonElement mutate(
      JsonElement root,
      FuzzData d,
      List<String> trail,
      String prefix,
      IdentityHashMap<JsonObject, List<Map.Entry<String, JsonElement>>> twice,
      int depth) {
    List<Place> all = new ArrayList<>();
    places(root, new Place(null, null, null, -1, prefix), all);
    Place p = all.get(d.pick(all.size()));
    JsonElement current = p.get(root);
    switch (d.pick(13)) {
      case 0 -> {
        JsonElement v = d.oneOf(SWAPS).deepCopy();
        trail.add(p.path() + " := " + v);
        return p.set(root, v);
      }
      case 1, 2 -> {
        String s = hostileText(d);
        trail.add(p.path() + " := " + show(s));
        return p.set(root, new JsonPrimitive(s));
      }
      case 3 -> {
        Number n = d.oneOf(NUMBERS);
        trail.add(p.path() + " := " + n);
        return p.set(root, new JsonPrimitive(n));
      }
      case 4 -> {
        if (p.container == null) {
          trail.add("$ := null");
          return JsonNull.INSTANCE;
        }
        if (p.container.isJsonObject()) {
          p.container.getAsJsonObject().remove(p.key);
        } else {
          p.container.getAsJsonArray().remove(p.index);
        }
        trail.add(p.path() + " removed");
        return root;
      }
      case 5 -> {
        if (p.container != null && p.container.isJsonObject()) {
          JsonElement second = d.flag() ? current.deepCopy() : d.oneOf(SWAPS).deepCopy();
          twice
              .computeIfAbsent(p.container.getAsJsonObject(), k -> new ArrayList<>())
              .add(Map.entry(p.key, second));
          trail.add(p.path() + " written twice, again as " + show(second));
        }
        return root;
      }
      case 6 -> {
        if (p.container != null && p.container.isJsonObject()) {
          String name =
              switch (d.pick(3)) {
                case 0 -> otherCase(p.key, d);
                case 1 -> d.oneOf(KEYS);
                default -> hostileText(d);
              };
          JsonObject o = p.container.getAsJsonObject();
          o.remove(p.key);
          o.add(name, current);
          trail.add(p.path() + " renamed " + show(name));
        }
        return root;
      }
      case 7 -> {
        int levels = 1 + d.pick(150);
        boolean arrays = d.flag();
        JsonElement v = current;
        for (int i = 0; i < levels; i++) {
          if (arrays) {
            v = arrayOf(v);
          } else {
            JsonObject o = new JsonObject();
            o.add("a", v);
            v = o;
          }
        }
        trail.add(p.path() + " nested " + levels + " levels deep");
        return p.set(root, v);
      }
      case 8 -> {
        if (current.isJsonPrimitive() && current.getAsJsonPrimitive().isString() && depth < 2) {
          String s = current.getAsString();
          try {
            JsonElement inner = StrictJson.parse(s.getBytes(StandardCharsets.UTF_8), INNER, "x");
            if (inner.isJsonObject() || inner.isJsonArray()) {
              IdentityHashMap<JsonObject, List<Map.Entry<String, JsonElement>>> innerTwice =
                  new IdentityHashMap<>();
              inner = mutate(inner, d, trail, p.path() + "{json}", innerTwice, depth + 1);
              StringBuilder out = new StringBuilder();
              write(out, inner, innerTwice);
              return p.set(root, new JsonPrimitive(out.toString()));
            }
          } catch (BadEventException e) {
            // not JSON inside: edit it as text below
          }
        }
        if (current.isJsonPrimitive()) {
          String s = text(current.getAsString(), d);
          trail.add(p.path() + " := " + show(s));
          return p.set(root, new JsonPrimitive(s));
        }
        return root;
      }
      case 9 -> {
        Place from = all.get(d.pick(all.size()));
        JsonElement copy = from.get(root).deepCopy();
        trail.add(p.path() + " := copy of " + from.path());
        return p.set(root, copy);
      }
      case 10 -> {
        if (current.isJsonArray() && !current.getAsJsonArray().isEmpty()) {
          JsonArray a = current.getAsJsonArray();
          int which = d.pick(a.size());
          int copies = 1 + d.pick(64);
          for (int i = 0; i < copies; i++) {
            a.add(a.get(which).deepCopy());
          }
          trail.add(p.path() + " grown by " + copies + " copies of [" + which + "]");
        }
        return root;
      }
      case 11 -> {
        if (current.isJsonPrimitive()) {
          String s = text(current.getAsString(), d);
          trail.add(p.path() + " := " + show(s));
          return p.set(root, new JsonPrimitive(s));
        }
        return root;
      }
      default -> {
        if (current.isJsonObject()) {
          String name = d.flag() ? d.oneOf(KEYS) : hostileText(d);
          JsonElement v =
              d.flag()
                  ? new JsonPrimitive(hostileText(d))
                  : d.flag() ? new JsonPrimitive(d.oneOf(NUMBERS)) : d.oneOf(SWAPS).deepCopy();
          current.getAsJsonObject().add(name, v);
          trail.add(p.path() + "." + show(name) + " added: " + show(v));
        }
        return root;
      }
    }
  }

  /**
   * Writes JSON text; members in {@code twice} follow the object's own (a duplicate key), and
   * strings are escaped by hand so that a lone surrogate survives as {@code \\uD800}.
   */
  static void write(
      StringBuilder out,
      JsonElement e,
      IdentityHashMap<JsonObject, List<Map.Entry<String, JsonElement>>> twice) {
    if (e == null || e.isJsonNull()) {
      out.append("null");
    } else if (e.isJsonPrimitive()) {
      JsonPrimitive p = e.getAsJsonPrimitive();
      if (p.isString()) {
        quote(out, p.getAsString());
      } else if (p.isBoolean()) {
        out.append(p.getAsBoolean());
      } else {
        out.append(p.getAsNumber().toString());
      }
    } else if (e.isJsonArray()) {
      out.append('[');
      boolean first = true;
      for (JsonElement v : e.getAsJsonArray()) {
        out.append(first ? "" : ",");
        first = false;
        write(out, v, twice);
      }
      out.append(']');
    } else {
      JsonObject o = e.getAsJsonObject();
      List<Map.Entry<String, JsonElement>> members = new ArrayList<>(o.entrySet());
      members.addAll(twice.getOrDefault(o, List.of()));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonElement> m : members) {
        out.append(first ? "" : ",");
        first = false;
        quote(out, m.getKey());
        out.append(':');
        write(out, m.getValue(), twice);
      }
      out.append('}');
    }
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pairedHigh =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(uEscape(c));
      } else if (pairedHigh) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(uEscape(c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
