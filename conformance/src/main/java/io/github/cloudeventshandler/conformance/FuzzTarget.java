package io.github.cloudeventshandler.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One entry point under fuzzing: its seeds, its variants, and how a {@link FuzzCase} is handed to
 * it. {@link #run} decodes an input, delivers it to an application behind the entry point and
 * checks {@link FuzzInvariant}; a Jazzer {@code @FuzzTest} calls it with the fuzzer's bytes, and
 * {@link #shortRun} replays every seed and a bounded number of seeded random programs (the part
 * {@code mvn verify} runs). {@link EntryPointFuzzTests} holds the tests that do so.
 *
 * <pre>{@code
 * Map<String, Map<String, String>> variants = new LinkedHashMap<>(); // the first is the default
 * variants.put("default", Map.of());
 * variants.put("unwrapped", Map.of("CEH_PAYLOAD", "unwrapped"));
 * FuzzTarget lambda = new FuzzTarget("lambda", FuzzCase.seeds("lambda"), variants, false,
 *     (c, app) -> { entryPoint(c, app).handleRequest(...); return null; });
 * lambda.run(fuzzerBytes, FuzzApplication.rules());
 * }</pre>
 *
 * <p>A violation is an {@link AssertionError} naming the rule, the seed, the variant and every
 * change, and the input's raw form is written to {@code target/fuzz-findings/<target>-<hash>.raw}
 * (copy it into the target's {@code …FuzzTestInputs/} directory to keep it as a regression input;
 * docs/fuzzing.md).
 */
public final class FuzzTarget {
  /** The system property that sets the number of random programs of {@link #shortRun}. */
  public static final String MUTATIONS = "ceh.fuzz.mutations";

  private final String name;
  private final List<FuzzCase.Seed> seeds;
  private final Map<String, Map<String, String>> variants;
  private final boolean http;
  private final Delivery delivery;
  private final List<Pending> pending;
  private final Set<Map.Entry<String, String>> knownSettings;

  /**
   * Hands one case to the entry point, with {@code app} behind it.
   *
   * <p>Returns the HTTP answer for entry points that answer over HTTP, or null; throws whatever the
   * entry point throws, or {@link Undeliverable} for an input its platform could never hand over.
   */
  @FunctionalInterface
  public interface Delivery {
    /** Delivers {@code c} to the entry point. */
    Answer deliver(FuzzCase c, FuzzApplication app) throws Exception;
  }

  /**
   * An HTTP answer.
   *
   * @param status the status code
   * @param body the body bytes
   */
  public record Answer(int status, byte[] body) {
    /** Copies. */
    public Answer {
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /**
   * A finding this branch knows and leaves to the code's owner (the code is being rewritten
   * elsewhere), or a documented rule of a module that is deliberately looser than the invariant
   * (its reason names the document): a violation whose first line matches {@code rule} is not
   * counted, in the short run nor under Jazzer, so that both go on to find what is not known yet.
   * Every pending finding is listed in docs/fuzzing.md with its owner; its input is kept in the
   * target's inputs directory, and removing the entry makes that input a failing regression test
   * until it is fixed.
   *
   * @param finding the finding's name in docs/fuzzing.md and who fixes it
   * @param rule found in the violation's first line
   */
  public record Pending(String finding, Pattern rule) {
    /** Validates. */
    public Pending {
      Objects.requireNonNull(finding, "finding");
      Objects.requireNonNull(rule, "rule");
    }
  }

  /**
   * Thrown by a {@link Delivery} for an input the platform could never hand over (a URI the
   * Functions host cannot parse, a structured CloudEvent the invoker's SDK refuses): not a finding.
   */
  public static final class Undeliverable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Says why. */
    public Undeliverable(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * A target.
   *
   * @param name names the target in findings, e.g. {@code lambda}
   * @param seeds the seeds ({@link FuzzCase#seeds})
   * @param variants the target's variants: by name, in order (the first is the default), the
   *     settings each lays over a seed's
   * @param http whether headers and the request line are part of the input
   * @param delivery how a case reaches the entry point
   */
  public FuzzTarget(
      String name,
      List<FuzzCase.Seed> seeds,
      Map<String, Map<String, String>> variants,
      boolean http,
      Delivery delivery) {
    this(name, seeds, variants, http, delivery, List.of());
  }

  private FuzzTarget(
      String name,
      List<FuzzCase.Seed> seeds,
      Map<String, Map<String, String>> variants,
      boolean http,
      Delivery delivery,
      List<Pending> pending) {
    this.name = Objects.requireNonNull(name, "name");
    this.seeds = List.copyOf(seeds);
    this.variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    this.http = http;
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.pending = List.copyOf(pending);
    Set<Map.Entry<String, String>> known = new HashSet<>();
    this.seeds.forEach(seed -> known.addAll(seed.settings().entrySet()));
    this.variants.values().forEach(v -> known.addAll(v.entrySet()));
    this.knownSettings = Set.copyOf(known);
    if (this.seeds.isEmpty() || this.variants.isEmpty() || this.variants.size() > 256) {
      throw new IllegalArgumentException(name + ": needs seeds and 1 to 256 variants");
    }
  }

  /** This target with one more {@link Pending} finding. */
  public FuzzTarget pending(String finding, String rule) {
    List<Pending> more = new ArrayList<>(pending);
    more.add(new Pending(finding, Pattern.compile(rule)));
    return new FuzzTarget(name, seeds, variants, http, delivery, more);
  }

  /** The seeds. */
  public List<FuzzCase.Seed> seeds() {
    return seeds;
  }

  /**
   * Decodes {@code input}, delivers it with {@code app} behind the entry point, and checks the
   * invariant.
   *
   * @throws AssertionError for a violation (see the class comment)
   */
  public void run(byte[] input, FuzzApplication app) {
    FuzzCase c = FuzzCase.decode(input, seeds, variants, http);
    if (!knownSettings.containsAll(c.settings().entrySet())) {
      // a raw input whose settings the fuzzer changed: a configuration no deployment starts with
      // (its cold start fails), or one that would reach outside loopback (a JWKS URL); a kept
      // input replayed by the build must not be skipped
      if (System.getenv("JAZZER_FUZZ") == null) {
        throw new AssertionError(
            name
                + ": a raw input with settings no seed or variant of the target has: "
                + c.describe());
      }
      return;
    }
    app.reset();
    Answer answer;
    try {
      answer = delivery.deliver(c, app);
    } catch (Undeliverable e) {
      return;
    } catch (Throwable t) {
      try {
        FuzzInvariant.checkRefusal(t, app);
      } catch (AssertionError e) {
        throwUnlessPending(c, e);
      }
      return;
    }
    if (answer != null) {
      try {
        FuzzInvariant.checkAnswer(answer.status(), answer.body(), app);
      } catch (AssertionError e) {
        throwUnlessPending(c, e);
      }
    }
  }

  private void throwUnlessPending(FuzzCase c, AssertionError e) {
    String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    for (Pending p : pending) {
      if (p.rule().matcher(first).find()) {
        return;
      }
    }
    throw finding(c, e);
  }

  /**
   * Every seed unchanged under the default variant, then {@code mutations} random programs (any
   * seed, any variant) from a generator seeded by the target's name, each through {@link #run}. The
   * system property {@value #MUTATIONS} overrides {@code mutations} (a longer seeded run without
   * Jazzer: {@code -Dceh.fuzz.mutations=100000}). Goes on after a violation and reports the
   * distinct ones together at the end.
   *
   * @return how many inputs were run
   * @throws AssertionError listing up to 30 distinct violations (each with its raw input file)
   */
  public int shortRun(FuzzApplication app, int mutations) {
    int count = Integer.getInteger(MUTATIONS, mutations);
    Map<String, AssertionError> found = new LinkedHashMap<>();
    int n = 0;
    for (int s = 0; s < seeds.size(); s++) {
      collect(FuzzCase.program(seeds.size(), s, 0), app, found);
      n++;
    }
    Random random = new Random(name.hashCode());
    for (int i = 0; i < count; i++) {
      byte[] program = new byte[4 + random.nextInt(96)];
      random.nextBytes(program);
      collect(program, app, found);
      n++;
    }
    if (!found.isEmpty()) {
      AssertionError all =
          new AssertionError(
              found.size()
                  + " distinct violation(s) in "
                  + n
                  + " runs of "
                  + name
                  + ":\n"
                  + found.values().stream()
                      .map(AssertionError::getMessage)
                      .collect(Collectors.joining("\n")));
      found.values().forEach(all::addSuppressed);
      throw all;
    }
    return n;
  }

  private void collect(byte[] input, FuzzApplication app, Map<String, AssertionError> found) {
    try {
      run(input, app);
    } catch (AssertionError e) {
      String first = e.getMessage().lines().findFirst().orElse("");
      String kind =
          first.replaceAll("\"[^\"]*\"|'[^']*'|/[^\\s:]*|[0-9]+", "").replaceAll("\\s+", " ");
      if (found.size() < 30) {
        found.putIfAbsent(kind.substring(0, Math.min(kind.length(), 120)), e);
      }
    }
  }

  private AssertionError finding(FuzzCase c, AssertionError e) {
    String where;
    try {
      byte[] raw = c.toRaw();
      Path dir = Path.of("target", "fuzz-findings");
      Files.createDirectories(dir);
      Path file =
          dir.resolve(name + "-" + Integer.toHexString(java.util.Arrays.hashCode(raw)) + ".raw");
      Files.write(file, raw);
      where = file.toAbsolutePath().toString();
    } catch (IOException | RuntimeException io) {
      where = "(not written: " + io + ")";
    }
    AssertionError out =
        new AssertionError(
            name + ": " + e.getMessage() + "\n  " + c.describe() + "\n  raw input: " + where,
            e.getCause());
    out.setStackTrace(e.getStackTrace());
    return out;
  }
}
