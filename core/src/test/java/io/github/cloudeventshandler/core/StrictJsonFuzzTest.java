package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;

/**
 * Fuzzes {@link StrictJson}: any bytes either parse or give a {@link BadEventException}; nothing
 * else escapes (no gson exception, no {@link StackOverflowError}, no {@link OutOfMemoryError}).
 * Without {@code JAZZER_FUZZ=1} this replays the inputs under {@code StrictJsonFuzzTestInputs} as a
 * quick regression test.
 */
class StrictJsonFuzzTest {
  private static final JsonLimits LIMITS = new JsonLimits(64 * 1024, 16);

  @FuzzTest(maxDuration = "60s")
  void parsesOrRejectsWithAProblem(byte[] input) {
    JsonElement tree;
    try {
      tree = StrictJson.parse(input, LIMITS, "fuzz");
    } catch (BadEventException e) {
      assertThat(e.problem()).isNotNull();
      assertThat(e.getMessage()).startsWith("fuzz").doesNotContain("\n");
      return;
    }
    assertThat(tree).isNotNull();
    // What was accepted is standard JSON: it parses again to the same tree.
    byte[] again = tree.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(StrictJson.parse(again, new JsonLimits(1 << 20, 16), "again")).isEqualTo(tree);
  }
}
