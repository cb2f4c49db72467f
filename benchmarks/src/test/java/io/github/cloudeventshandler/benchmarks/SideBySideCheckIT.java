package io.github.cloudeventshandler.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The side-by-side harness's correctness check in the build: the echo app behind
 * aws-serverless-java-container (A) and behind {@code LambdaHandler} (B), each in a fresh JVM from
 * its own deployable, answer the same HTTP API event the same way. No timing.
 */
class SideBySideCheckIT {
  @Test
  @Timeout(180)
  void bothHandlersGiveApiGatewayTheSameAnswer() throws Exception {
    SideBySide harness =
        new SideBySide(
            SideBySide.Settings.quick(Path.of(System.getProperty("sideBySide.root"))),
            Path.of(System.getProperty("sideBySide.work")));

    assertThat(harness.check()).isEmpty();
  }
}
