package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.testing.platform.LocalGcpContext;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue class 4 on GCP: seeded mutations of every GCP case of the conformance corpus, through the
 * entry point the case names. At every JSON path of the input the value is swapped for each JSON
 * type (and odd strings); for HTTP cases every header is also replaced, dropped and repeated. The
 * invariant: a documented exception with a message ({@code BadEventException}, {@code
 * UnrecognizedEventException}) or a documented status with a message, or a delivered request; never
 * another throwable.
 */
class GcpFieldMutationTest {
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  /** What each value in the input is replaced with. */
  private static final List<JsonElement> SWAPS =
      List.of(
          JsonNull.INSTANCE,
          new JsonPrimitive(""),
          new JsonPrimitive("\u0085"),
          new JsonPrimitive("a b<>{|}%zz/../.."),
          new JsonPrimitive(0),
          new JsonPrimitive(1.5e300),
          new JsonPrimitive(true),
          new JsonObject(),
          new JsonArray(),
          JsonParser.parseString("[[]]"),
          JsonParser.parseString("{\"a\":{}}"));

  /** What each header value is replaced with. */
  private static final List<String> HEADER_VALUES =
      List.of(
          "",
          "\u0085",
          "%",
          "%ZZ",
          "%C0%AE",
          "a%0D%0Ab",
          "google.cloud.storage.object.v1.finalized",
          "x".repeat(10_000));

  static Stream<ConformanceCase> cases() {
    return ConformanceCorpus.cases("gcp").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyMutantEndsInADocumentedWay(ConformanceCase c) throws Exception {
    // authentication is not what is tested here: let every mutant reach the classifiers
    Map<String, String> settings = new java.util.LinkedHashMap<>(c.settings());
    settings.put("CEH_PUBSUB_AUTH", "off");
    settings.put("CEH_HTTP_EVENTS_TRUSTED", "true");
    Configuration config = Configuration.from(settings, new java.util.Properties());
    RecordingApplication app = RecordingApplication.answering(200);
    Runner run =
        switch (c.entryPoint()) {
          case "http" -> http(c, new HttpEntryPoint(config, app));
          case "cloudevents" -> cloudEvents(new CloudEventsEntryPoint(config, app));
          case "background" -> background(new BackgroundEntryPoint(config, app));
          default -> throw new IllegalStateException(c.entryPoint());
        };
    List<String> failures = new ArrayList<>();
    int runs = 0;
    JsonElement input = json(c.input());
    if (input != null) {
      for (JsonElement mutant : mutants(input)) {
        runs++;
        run.check(GSON.toJson(mutant).getBytes(UTF_8), null, failures);
      }
    }
    if (c.entryPoint().equals("http")) {
      for (UnaryOperator<LocalGcpHttpRequest> headers : headerMutants(c)) {
        runs++;
        run.check(c.input(), headers, failures);
      }
    }
    assertThat(failures).as(c.id() + ": " + runs + " mutants").isEmpty();
  }

  @FunctionalInterface
  private interface Runner {
    /** Runs one mutant; adds a line to {@code failures} when it ended in an undocumented way. */
    void check(byte[] input, UnaryOperator<LocalGcpHttpRequest> headers, List<String> failures);
  }

  private static Runner http(ConformanceCase c, HttpEntryPoint function) {
    ConformanceCase.Transport t = c.transport().orElseThrow();
    return (input, headers, failures) -> {
      LocalGcpHttpRequest bare =
          LocalGcpHttpRequest.request(t.method(), t.path())
              .query(t.query().orElse(null))
              .body(input);
      LocalGcpHttpRequest r = headers != null ? headers.apply(bare) : bare.headers(t.headers());
      LocalGcpHttpResponse res = new LocalGcpHttpResponse();
      try {
        function.service(r, res);
      } catch (Throwable e) {
        failures.add(describe(input, r) + " threw " + e);
        return;
      }
      int s = res.status();
      boolean documented =
          (s >= 200 && s < 300)
              || ((s == 400 || s == 401 || s == 403 || s == 413) && !res.bodyText().isBlank());
      if (!documented) {
        failures.add(describe(input, r) + " answered " + s + " " + res.bodyText());
      }
    };
  }

  private static Runner cloudEvents(CloudEventsEntryPoint function) {
    return (input, headers, failures) -> {
      CloudEvent event;
      try {
        event = GcpConformanceTest.structured(input);
      } catch (BadEventException e) {
        return; // the Functions Framework would not have parsed it either
      }
      outcome(() -> function.accept(event), new String(input, UTF_8), failures);
    };
  }

  private static Runner background(BackgroundEntryPoint function) {
    return (input, headers, failures) -> {
      LocalGcpContext.BackgroundInput d;
      try {
        d = LocalGcpContext.fromLegacyEvent(input);
      } catch (RuntimeException e) {
        return; // not a shape the invoker hands to a background function (no context strings)
      }
      outcome(() -> function.accept(d.data(), d.context()), new String(input, UTF_8), failures);
    };
  }

  private static void outcome(Runnable call, String what, List<String> failures) {
    try {
      call.run();
    } catch (BadEventException | UnrecognizedEventException | DispatchException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        failures.add(
            abbreviate(what) + " threw " + e.getClass().getSimpleName() + " without message");
      }
    } catch (Throwable e) {
      failures.add(abbreviate(what) + " threw " + e);
    }
  }

  /** Every copy of {@code root} with one value swapped. */
  static List<JsonElement> mutants(JsonElement root) {
    List<JsonElement> out = new ArrayList<>();
    collect(root, root, new ArrayList<>(), out);
    return out;
  }

  private static void collect(
      JsonElement root, JsonElement node, List<Object> path, List<JsonElement> out) {
    if (!path.isEmpty()) {
      for (JsonElement swap : SWAPS) {
        JsonElement copy = root.deepCopy();
        set(copy, path, swap.deepCopy());
        out.add(copy);
      }
    }
    if (node.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : node.getAsJsonObject().entrySet()) {
        List<Object> p = new ArrayList<>(path);
        p.add(e.getKey());
        collect(root, e.getValue(), p, out);
      }
    } else if (node.isJsonArray()) {
      JsonArray a = node.getAsJsonArray();
      for (int i = 0; i < a.size() && i < 3; i++) {
        List<Object> p = new ArrayList<>(path);
        p.add(i);
        collect(root, a.get(i), p, out);
      }
    }
  }

  private static void set(JsonElement root, List<Object> path, JsonElement value) {
    JsonElement parent = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object k = path.get(i);
      parent =
          k instanceof String s
              ? parent.getAsJsonObject().get(s)
              : parent.getAsJsonArray().get((Integer) k);
    }
    Object last = path.get(path.size() - 1);
    if (last instanceof String s) {
      parent.getAsJsonObject().add(s, value);
    } else {
      parent.getAsJsonArray().set((Integer) last, value);
    }
  }

  /** The case's headers with one replaced, dropped or repeated. */
  private static List<UnaryOperator<LocalGcpHttpRequest>> headerMutants(ConformanceCase c) {
    List<Map.Entry<String, String>> fields = c.transport().orElseThrow().headers().fields();
    List<UnaryOperator<LocalGcpHttpRequest>> out = new ArrayList<>();
    for (int target = 0; target < fields.size(); target++) {
      int t = target;
      List<String> values = new ArrayList<>(HEADER_VALUES);
      values.add(null); // dropped
      for (String v : values) {
        out.add(
            bare -> {
              LocalGcpHttpRequest r = bare;
              for (int i = 0; i < fields.size(); i++) {
                Map.Entry<String, String> f = fields.get(i);
                if (i != t) {
                  r = r.header(f.getKey(), f.getValue());
                } else if (v != null) {
                  r = r.header(f.getKey(), v);
                }
              }
              return r;
            });
      }
      out.add(
          bare -> {
            Map.Entry<String, String> f = fields.get(t);
            return bare.headers(c.transport().orElseThrow().headers())
                .header(f.getKey().toUpperCase(java.util.Locale.ROOT), f.getValue() + "x");
          });
    }
    return out;
  }

  private static JsonElement json(byte[] input) {
    try {
      return JsonParser.parseString(new String(input, UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String describe(byte[] input, LocalGcpHttpRequest r) {
    return abbreviate(new String(input, UTF_8))
        + " with headers "
        + abbreviate(r.getHeaders().toString());
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
