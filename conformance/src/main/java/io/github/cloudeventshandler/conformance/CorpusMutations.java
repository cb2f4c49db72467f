package io.github.cloudeventshandler.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Type-swap mutations of recorded events, for testing classifiers against malformed input: at every
 * JSON path of an event, the value is replaced by a value of each other JSON type (string, number,
 * boolean, null, object, array) or removed; seeded random rounds then apply several such changes at
 * once, with hostile strings (control characters, {@code {}}, spaces, dot segments, very long
 * text). Each mutated event is offered to every classifier, which must answer "not mine", classify
 * it into records whose CloudEvent attributes are valid, or throw a {@link BadEventException} with
 * a one-line message that names the provider and points to {@code docs/troubleshooting.md} — never
 * another throwable.
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @ConformanceCases(provider = "aws")
 * void classifiers(ConformanceCase c) {
 *   CorpusMutations.check(c, classifiers, bytes -> RawEvent.builder(RawEvent.AWS, bytes).build(), 20);
 * }
 * }</pre>
 */
public final class CorpusMutations {
  /** Values of every JSON type (the fuzzer's), and an object nested a few levels. */
  private static final List<JsonElement> SWAPS = withNested(FuzzMutations.SWAPS);

  /**
   * A resource name no URI may hold as it is, with a line break and a C1 control: every string
   * field is set to it once.
   */
  private static final JsonElement HOSTILE_TEXT =
      new JsonPrimitive("my bucket <1> {x} |y| 100% #a#b\r\n\u0085 caf\u00e9");

  private static final List<JsonElement> HOSTILE =
      List.of(
          new JsonPrimitive("a b <c> {d} |e| ^`\\\""),
          new JsonPrimitive("x\r\ny\u0000z\u0085"),
          new JsonPrimitive(".."),
          new JsonPrimitive("a/../b"),
          new JsonPrimitive("%%%not base64"),
          new JsonPrimitive("%C0%AE%2F"),
          new JsonPrimitive("1970-13-45T99:99:99Z"),
          new JsonPrimitive("1e999999999"),
          new JsonPrimitive(new java.math.BigDecimal("1e999999999")),
          new JsonPrimitive("caf\u00e9 \uD83D\uDE00 \uD800"),
          new JsonPrimitive("x".repeat(5000)),
          new JsonPrimitive(":"),
          new JsonPrimitive("#a#b#c"));

  /** The system property that sets the number of random rounds per case (for long runs). */
  public static final String ROUNDS_PROPERTY = "ceh.mutation.rounds";

  private CorpusMutations() {}

  /**
   * The number of random rounds per case: the system property {@value #ROUNDS_PROPERTY} when set
   * ({@code mvn -pl aws -am test -Dtest=ClassifierMutationTest -Dceh.mutation.rounds=2000}), else
   * {@code dflt}.
   */
  public static int rounds(int dflt) {
    return Integer.getInteger(ROUNDS_PROPERTY, dflt);
  }

  /**
   * Runs every single type swap of the case's input and {@code rounds} seeded random rounds of
   * several changes, offering each mutated event to every classifier.
   *
   * @param c a case whose input is JSON
   * @param classifiers the classifiers to test
   * @param raw builds the raw event of mutated bytes as the case's entry point would
   * @param rounds how many random rounds (seeded by the case's id)
   * @return how many mutated events were checked
   * @throws AssertionError naming the case, the mutation and the classifier, for the first
   *     violation
   */
  public static int check(
      ConformanceCase c,
      List<? extends EventClassifier> classifiers,
      Function<byte[], RawEvent> raw,
      int rounds) {
    JsonElement original = StrictJson.parse(c.input(), JsonLimits.DEFAULT, c.id());
    int checked = 0;
    for (Mutation m : swaps(original)) {
      offer(c, m, classifiers, raw);
      checked++;
    }
    Random random = new Random(c.id().hashCode());
    for (int round = 0; round < rounds; round++) {
      JsonElement tree = original.deepCopy();
      StringBuilder what = new StringBuilder("round " + round + ":");
      int changes = 1 + random.nextInt(4);
      for (int i = 0; i < changes; i++) {
        what.append(' ').append(mutateOnce(tree, random));
      }
      offer(c, new Mutation(what.toString(), tree), classifiers, raw);
      checked++;
    }
    return checked;
  }

  /** A mutated event and what was changed. */
  record Mutation(String what, JsonElement tree) {}

  /** Every single change: each value replaced by each value of another type, or removed. */
  static List<Mutation> swaps(JsonElement original) {
    List<String> paths = new ArrayList<>();
    collect(original, "$", paths);
    List<Mutation> out = new ArrayList<>();
    for (String path : paths) {
      JsonElement current = at(original, path);
      for (JsonElement swap : SWAPS) {
        if (sameType(current, swap)) {
          continue;
        }
        JsonElement tree = original.deepCopy();
        tree = replace(tree, path, swap.deepCopy());
        out.add(new Mutation(path + " := " + swap, tree));
      }
      if (current.isJsonPrimitive() && current.getAsJsonPrimitive().isString()) {
        JsonElement tree = original.deepCopy();
        tree = replace(tree, path, HOSTILE_TEXT.deepCopy());
        out.add(new Mutation(path + " := " + HOSTILE_TEXT, tree));
      }
      if (!path.equals("$")) {
        JsonElement tree = original.deepCopy();
        replace(tree, path, null);
        out.add(new Mutation(path + " removed", tree));
      }
    }
    return out;
  }

  private static void offer(
      ConformanceCase c,
      Mutation m,
      List<? extends EventClassifier> classifiers,
      Function<byte[], RawEvent> raw) {
    byte[] bytes = m.tree().toString().getBytes(StandardCharsets.UTF_8);
    RawEvent event = raw.apply(bytes); // parsed once, shared: classifiers only read it
    for (EventClassifier classifier : classifiers) {
      try {
        Optional<ClassifiedEvent> found = classifier.classify(event);
        found.ifPresent(e -> checkAttributes(c, m, classifier, e));
      } catch (BadEventException e) {
        String message = e.getMessage();
        if (message == null
            || message.contains("\n")
            || message.contains("\r")
            || !message.startsWith(event.provider() + " ")
            || !message.contains("(see docs/troubleshooting.md#")) {
          throw failure(c, m, classifier, "a BadEventException with a bad message", e);
        }
      } catch (RuntimeException | StackOverflowError e) {
        throw failure(c, m, classifier, "an unexpected " + e.getClass().getName(), e);
      }
    }
  }

  /** Every record's CloudEvent has attributes that are valid for their CloudEvents types. */
  private static void checkAttributes(
      ConformanceCase c, Mutation m, EventClassifier classifier, ClassifiedEvent e) {
    for (EventRecord r : e.records()) {
      CloudEvent ce = r.cloudEvent();
      if (ce == null) {
        continue;
      }
      String problem = null;
      String source = ce.getSource().toString();
      if (source.isEmpty() || !source.chars().allMatch(ch -> ch > 0x20 && ch < 0x7F)) {
        problem = "source is not an ASCII URI-reference: " + source;
      } else {
        try {
          new URI(source);
        } catch (URISyntaxException x) {
          problem = "source does not parse: " + source;
        }
      }
      for (Map.Entry<String, String> a :
          Map.of(
                  "id",
                  ce.getId(),
                  "type",
                  ce.getType(),
                  "subject",
                  ce.getSubject() == null ? "" : ce.getSubject())
              .entrySet()) {
        if (a.getValue().chars().anyMatch(AttributeValues::isControl)) {
          problem = a.getKey() + " has a control character";
        }
      }
      if (ce.getId().isEmpty() || ce.getType().isEmpty()) {
        problem = "id or type is empty";
      }
      if (problem != null) {
        throw failure(c, m, classifier, "an invalid CloudEvent: " + problem, null);
      }
    }
  }

  private static AssertionError failure(
      ConformanceCase c, Mutation m, EventClassifier classifier, String what, Throwable cause) {
    String tree = m.tree().toString();
    return new AssertionError(
        c.id()
            + ": "
            + classifier.getClass().getSimpleName()
            + " answered "
            + what
            + " for the mutation "
            + m.what()
            + " → "
            + (tree.length() > 2000 ? tree.substring(0, 2000) + "…" : tree)
            + (cause == null ? "" : ": " + cause),
        cause);
  }

  private static String mutateOnce(JsonElement root, Random random) {
    List<String> paths = new ArrayList<>();
    collect(root, "$", paths);
    paths.remove("$");
    if (paths.isEmpty()) {
      return "(nothing to change)";
    }
    String path = paths.get(random.nextInt(paths.size()));
    int pick = random.nextInt(SWAPS.size() + HOSTILE.size() + 1);
    if (pick == SWAPS.size() + HOSTILE.size()) {
      replace(root, path, null);
      return path + " removed";
    }
    JsonElement v =
        (pick < SWAPS.size() ? SWAPS.get(pick) : HOSTILE.get(pick - SWAPS.size())).deepCopy();
    replace(root, path, v);
    String shown = v.toString();
    return path + " := " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown);
  }

  /** Paths of every value: {@code $}, {@code $.a}, {@code $.a[0]}; members in order. */
  private static void collect(JsonElement e, String path, List<String> out) {
    out.add(path);
    if (e.isJsonObject()) {
      for (String k : e.getAsJsonObject().keySet()) {
        collect(e.getAsJsonObject().get(k), path + "." + escape(k), out);
      }
    } else if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      for (int i = 0; i < a.size(); i++) {
        collect(a.get(i), path + "[" + i + "]", out);
      }
    }
  }

  /** Member names in paths: '.' and '[' escaped with a backslash. */
  private static String escape(String k) {
    return k.replace("\\", "\\\\").replace(".", "\\.").replace("[", "\\[");
  }

  private static List<Object> steps(String path) {
    List<Object> out = new ArrayList<>();
    int i = 1; // after '$'
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        StringBuilder k = new StringBuilder();
        i++;
        while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
          if (path.charAt(i) == '\\') {
            i++;
          }
          k.append(path.charAt(i++));
        }
        out.add(k.toString());
      } else {
        int end = path.indexOf(']', i);
        out.add(Integer.parseInt(path.substring(i + 1, end)));
        i = end + 1;
      }
    }
    return out;
  }

  private static JsonElement at(JsonElement root, String path) {
    JsonElement cur = root;
    for (Object s : steps(path)) {
      cur =
          s instanceof String k
              ? cur.getAsJsonObject().get(k)
              : cur.getAsJsonArray().get((Integer) s);
    }
    return cur;
  }

  /** Replaces the value at {@code path} (null removes it); returns the new root. */
  private static JsonElement replace(JsonElement root, String path, JsonElement value) {
    List<Object> steps = steps(path);
    if (steps.isEmpty()) {
      return value == null ? JsonNull.INSTANCE : value;
    }
    JsonElement parent = root;
    for (Object s : steps.subList(0, steps.size() - 1)) {
      parent =
          s instanceof String k
              ? parent.getAsJsonObject().get(k)
              : parent.getAsJsonArray().get((Integer) s);
    }
    Object last = steps.get(steps.size() - 1);
    if (last instanceof String k) {
      if (value == null) {
        parent.getAsJsonObject().remove(k);
      } else {
        parent.getAsJsonObject().add(k, value);
      }
    } else if (value == null) {
      parent.getAsJsonArray().remove((int) (Integer) last);
    } else {
      parent.getAsJsonArray().set((Integer) last, value);
    }
    return root;
  }

  private static boolean sameType(JsonElement a, JsonElement b) {
    if (a.isJsonNull() || b.isJsonNull()) {
      return a.isJsonNull() && b.isJsonNull();
    }
    if (a.isJsonObject() || a.isJsonArray()) {
      return a.isJsonObject() == b.isJsonObject() && a.isJsonArray() == b.isJsonArray();
    }
    if (!b.isJsonPrimitive()) {
      return false;
    }
    var pa = a.getAsJsonPrimitive();
    var pb = b.getAsJsonPrimitive();
    return pa.isString() == pb.isString()
        && pa.isNumber() == pb.isNumber()
        && pa.isBoolean() == pb.isBoolean()
        && !(pa.isString() && pa.getAsString().isEmpty() != pb.getAsString().isEmpty());
  }

  private static JsonObject nested() {
    JsonObject o = new JsonObject();
    o.add("a", new JsonObject());
    return o;
  }

  private static List<JsonElement> withNested(List<JsonElement> values) {
    List<JsonElement> all = new ArrayList<>(values);
    all.add(nested());
    return List.copyOf(all);
  }
}
