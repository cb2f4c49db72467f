package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A 100 MB answer does not run a JVM with a 64 MB heap out of memory. */
class BigAnswerIT {
  @Test
  void aHundredMegabyteAnswerFitsInASmallHeap() throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BigAnswerMain.class.getName()))
            .redirectErrorStream(true)
            .start();
    boolean exited = p.waitFor(120, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      p.destroyForcibly();
    }
    assertThat(exited).as(out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("capped: the application's answer to GET /big").contains("OK heap");
  }
}
