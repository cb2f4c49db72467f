package io.github.cloudeventshandler.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tests of one entry point under fuzzing ({@link FuzzTarget}), in both modes: a subclass names
 * the target and how to build the entry point, and gets
 *
 * <ul>
 *   <li>{@code throughJetty}: a Jazzer {@code @FuzzTest} delivering into a {@link RecordingServlet}
 *       on the real bridge (embedded Jetty), started once per class;
 *   <li>{@code withoutJetty}: a {@code @FuzzTest} of the classify-and-build layer, every request
 *       checked against the bridge's rules and answered without Jetty;
 *   <li>{@code seedsAndMutationsThroughJetty} and {@code seedsAndMutationsWithoutJetty}: every seed
 *       and a bounded number of seeded mutations ({@link FuzzTarget#shortRun}), the part of {@code
 *       mvn verify} beside the replay of the kept inputs.
 * </ul>
 *
 * <pre>{@code
 * class LambdaHandlerFuzzTest extends EntryPointFuzzTests<LambdaHandler> {
 *   private final FuzzTarget target = new FuzzTarget("lambda", FuzzCase.seeds("lambda"),
 *       Map.of("default", Map.of()), false, this::deliver);
 *
 *   protected FuzzTarget target() { return target; }
 *
 *   protected LambdaHandler newEntryPoint(Configuration configuration, Application app) {
 *     return new LambdaHandler(configuration, app);
 *   }
 *
 *   private FuzzTarget.Answer deliver(FuzzCase c, FuzzApplication app) throws IOException {
 *     entryPoint(c, app).handleRequest(new ByteArrayInputStream(c.event().body()), out, context);
 *     return null;
 *   }
 * }
 * }</pre>
 *
 * <p>Jazzer replays the files in {@code <Subclass>Inputs/} (both modes) and {@code
 * <Subclass>Inputs/<method>/} as regression tests; {@code JAZZER_FUZZ=1} fuzzes one method
 * (docs/fuzzing.md). Needs the servlet bridge and {@code jazzer-junit} on the test classpath.
 *
 * @param <T> the entry point's type
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EntryPointFuzzTests<T> {
  private final FuzzApplication rules = FuzzApplication.rules();

  /** The most entry points kept. */
  private static final int MAX_ENTRY_POINTS = 64;

  private final Map<List<Object>, T> entryPoints =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, T> eldest) {
          return size() > MAX_ENTRY_POINTS;
        }
      };
  private ServletApplication bridge;
  private FuzzApplication jetty;

  /** The target: seeds, variants, delivery, pending findings. */
  protected abstract FuzzTarget target();

  /** A new entry point with these settings, delivering to {@code app}. */
  protected abstract T newEntryPoint(Configuration configuration, Application app);

  /**
   * The entry point for the case's settings with {@code app} behind it, built the first time and
   * kept, as a platform keeps it between invocations (the {@value #MAX_ENTRY_POINTS} most recently
   * used, so that a long run keeps no history).
   */
  protected final T entryPoint(FuzzCase c, FuzzApplication app) {
    return entryPoints.computeIfAbsent(
        List.of(c.settings(), app),
        k -> newEntryPoint(Configuration.from(c.settings(), new Properties()), app));
  }

  @BeforeAll
  final void startBridge() {
    bridge = ServletApplication.start(RecordingServlet.class, Configuration.builder().build());
    jetty = FuzzApplication.throughBridge(bridge);
  }

  @AfterAll
  final void stopBridge() {
    bridge.close();
  }

  @FuzzTest(maxDuration = "10m")
  protected void throughJetty(byte[] input) {
    target().run(input, jetty);
  }

  @FuzzTest(maxDuration = "10m")
  protected void withoutJetty(byte[] input) {
    target().run(input, rules);
  }

  @Test
  protected void seedsAndMutationsThroughJetty() {
    assertThat(target().shortRun(jetty, 150)).isGreaterThan(150);
    assertThat(jetty.servletCalls())
        .as("requests that reached the servlet through Jetty")
        .isPositive();
  }

  @Test
  protected void seedsAndMutationsWithoutJetty() {
    assertThat(target().shortRun(rules, 1000)).isGreaterThan(1000);
  }
}
