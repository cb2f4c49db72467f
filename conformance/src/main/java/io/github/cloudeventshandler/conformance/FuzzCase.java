package io.github.cloudeventshandler.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One fuzz input, decoded: the seed it started from, that seed's {@code CEH_*} settings, the
 * target's variant (a named set of extra settings, e.g. {@code unwrapped}), the event after the
 * mutations, and the trail of those mutations.
 *
 * <p>An input is one of two things:
 *
 * <ul>
 *   <li>a <b>program</b> (what the fuzzer mutates): a byte picking the seed from the conformance
 *       corpus (two when there are more than 256), a byte picking the variant, then the {@link
 *       FuzzMutations} decisions. {@link #program} writes the one for an unchanged seed;
 *   <li>the <b>raw form</b> (what the seed corpus of findings keeps, readable and independent of
 *       the corpus order): {@code #raw } + one line of JSON ({@code seed}, {@code variant}, {@code
 *       settings}, and for HTTP the request line and {@code headers} as {@code [name, value]}
 *       pairs), a line feed, then the body bytes as they are. {@link #toRaw()} writes it.
 * </ul>
 *
 * @param seed the seed's case id, e.g. {@code aws/s3/s3-put}
 * @param entryPoint the seed's entry point ({@code lambda}, {@code queue}, …)
 * @param settings the seed's settings with the variant's laid over them
 * @param variant the name of the target's variant
 * @param event the event to deliver
 * @param trail what was changed, in order
 */
public record FuzzCase(
    String seed,
    String entryPoint,
    Map<String, String> settings,
    String variant,
    FuzzEvent event,
    List<String> trail) {
  private static final String RAW = "#raw ";

  /** Each seed's body parsed once (a JSON null for a body that is no JSON). */
  private static final Map<Seed, JsonElement> TREES =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /** Validates and copies. */
  public FuzzCase {
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(entryPoint, "entryPoint");
    settings = Map.copyOf(settings);
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(event, "event");
    trail = List.copyOf(trail);
  }

  /**
   * A recorded event to start from: a conformance case (one per scenario with its own settings).
   *
   * @param id the case id
   * @param entryPoint the case's entry point
   * @param event the recorded input, with the transport's request line and headers if any
   * @param settings the case's {@code CEH_*} settings
   */
  public record Seed(String id, String entryPoint, FuzzEvent event, Map<String, String> settings) {
    /** Validates and copies. */
    public Seed {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(entryPoint, "entryPoint");
      Objects.requireNonNull(event, "event");
      settings = Map.copyOf(settings);
    }
  }

  /**
   * The seeds for a target: every conformance case whose entry point is one of these, in index
   * order, one per distinct set of settings among its scenarios.
   *
   * @throws IllegalStateException when no case matches (a typo must not fuzz nothing)
   */
  public static List<Seed> seeds(String... entryPoints) {
    Set<String> wanted = Set.of(entryPoints);
    List<Seed> out = new ArrayList<>();
    for (ConformanceCase whole : ConformanceCorpus.all()) {
      Set<Map<String, String>> seen = new LinkedHashSet<>();
      for (ConformanceCase c : whole.scenarios()) {
        if (!wanted.contains(c.entryPoint()) || !seen.add(c.settings())) {
          continue;
        }
        FuzzEvent event =
            c.transport()
                .map(
                    t ->
                        new FuzzEvent(
                            t.method(), t.path(), t.query().orElse(null), t.headers(), c.input()))
                .orElseGet(() -> FuzzEvent.of(c.input()));
        out.add(new Seed(c.id(), c.entryPoint(), event, c.settings()));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no conformance case has entry point " + wanted);
    }
    return List.copyOf(out);
  }

  /**
   * Decodes an input: the raw form, or a program over these seeds and variants. The case's settings
   * are the seed's with the variant's laid over them.
   *
   * @param variants the target's variants by name, each with its settings; the first is the default
   * @param http whether the target delivers over HTTP (headers and request line are mutated and
   *     kept)
   */
  public static FuzzCase decode(
      byte[] input, List<Seed> seeds, Map<String, Map<String, String>> variants, boolean http) {
    List<String> names = List.copyOf(variants.keySet());
    if (startsWith(input, RAW)) {
      return raw(input, names).withVariantSettings(variants);
    }
    FuzzData d = new FuzzData(input);
    Seed seed = seeds.get(d.pick(seeds.size()));
    String variant = names.get(d.pick(names.size()));
    List<String> trail = new ArrayList<>();
    JsonElement tree =
        TREES.computeIfAbsent(
            seed,
            s -> {
              JsonElement t = FuzzMutations.tree(s.event().body());
              return t == null ? JsonNull.INSTANCE : t;
            });
    FuzzEvent event =
        FuzzMutations.event(seed.event(), tree.isJsonNull() ? null : tree, d, http, trail);
    return new FuzzCase(seed.id(), seed.entryPoint(), seed.settings(), variant, event, trail)
        .withVariantSettings(variants);
  }

  private FuzzCase withVariantSettings(Map<String, Map<String, String>> variants) {
    Map<String, String> s = new LinkedHashMap<>(settings);
    s.putAll(variants.getOrDefault(variant, Map.of()));
    return new FuzzCase(seed, entryPoint, s, variant, event, trail);
  }

  /** The program that decodes to seed {@code seed} under variant {@code variant}, unchanged. */
  public static byte[] program(int seedCount, int seed, int variant) {
    return seedCount <= 256
        ? new byte[] {(byte) seed, (byte) variant, 0}
        : new byte[] {(byte) (seed >> 8), (byte) seed, (byte) variant, 0};
  }

  /** The raw form of this case (see the class comment). */
  public byte[] toRaw() {
    JsonObject head = new JsonObject();
    head.addProperty("seed", seed);
    head.addProperty("entryPoint", entryPoint);
    head.addProperty("variant", variant);
    JsonObject s = new JsonObject();
    settings.forEach(s::addProperty);
    head.add("settings", s);
    head.addProperty("method", event.method());
    head.addProperty("path", event.path());
    if (event.query() != null) {
      head.addProperty("query", event.query());
    }
    JsonArray headers = new JsonArray();
    for (Map.Entry<String, String> f : event.headers().fields()) {
      JsonArray pair = new JsonArray();
      pair.add(f.getKey());
      pair.add(f.getValue());
      headers.add(pair);
    }
    head.add("headers", headers);
    StringBuilder line = new StringBuilder(RAW);
    FuzzMutations.write(line, head, new IdentityHashMap<>());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] first = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    out.write(first, 0, first.length);
    byte[] body = event.body();
    out.write(body, 0, body.length);
    return out.toByteArray();
  }

  /** Seed, variant and trail, for a finding's message. */
  public String describe() {
    return "seed "
        + seed
        + " ("
        + entryPoint
        + "), variant "
        + variant
        + (settings.isEmpty() ? "" : ", settings " + settings)
        + (trail.isEmpty() ? ", unchanged" : ", changes: " + String.join("; ", trail));
  }

  private static FuzzCase raw(byte[] input, List<String> variants) {
    int nl = indexOf(input, (byte) '\n');
    if (nl < 0) {
      nl = input.length;
    }
    JsonObject head;
    try {
      JsonElement h =
          StrictJson.parse(
              Arrays.copyOfRange(input, RAW.length(), nl), JsonLimits.DEFAULT, "raw fuzz input");
      head = h.isJsonObject() ? h.getAsJsonObject() : new JsonObject();
    } catch (BadEventException e) {
      head = new JsonObject();
    }
    byte[] body = nl < input.length ? Arrays.copyOfRange(input, nl + 1, input.length) : new byte[0];
    Map<String, String> settings = new LinkedHashMap<>();
    if (head.get("settings") instanceof JsonObject s) {
      s.entrySet().forEach(e -> settings.put(e.getKey(), text(e.getValue(), "")));
    }
    Headers.Builder headers = Headers.builder();
    if (head.get("headers") instanceof JsonArray hs) {
      for (JsonElement pair : hs) {
        if (pair instanceof JsonArray p && p.size() == 2) {
          headers.add(text(p.get(0), ""), text(p.get(1), ""));
        }
      }
    }
    String variant = text(head.get("variant"), variants.get(0));
    if (!variants.contains(variant)) {
      variant = variants.get(0);
    }
    FuzzEvent event =
        new FuzzEvent(
            text(head.get("method"), "POST"),
            text(head.get("path"), "/"),
            head.has("query") ? text(head.get("query"), null) : null,
            headers.build(),
            body);
    return new FuzzCase(
        text(head.get("seed"), "raw"),
        text(head.get("entryPoint"), ""),
        settings,
        variant,
        event,
        List.of());
  }

  private static String text(JsonElement e, String otherwise) {
    return e != null && e.isJsonPrimitive() ? e.getAsString() : otherwise;
  }

  private static boolean startsWith(byte[] input, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    return input.length >= p.length && Arrays.equals(input, 0, p.length, p, 0, p.length);
  }

  private static int indexOf(byte[] data, byte b) {
    for (int i = 0; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
