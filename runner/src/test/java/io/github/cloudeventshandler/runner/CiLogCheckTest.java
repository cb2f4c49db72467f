package io.github.cloudeventshandler.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/check-log}, which {@code .ci/run} applies to the build log: it passes a log whose
 * warnings are all expected ({@code .ci/expected-log-lines.txt}) and fails, naming them, on any
 * other warning or error line, in each log format the build prints.
 */
class CiLogCheckTest {
  private static final Path SCRIPT = Path.of("..", ".ci", "check-log");

  @Test
  void expectedLinesPass(@TempDir Path dir) throws Exception {
    Result r =
        check(
            dir,
            "[INFO] Building cloud-events-handler core\n"
                + "[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0\n"
                + "[WARNING] Tests run: 4, Failures: 0, Errors: 0, Skipped: 1, Time elapsed: 1 s\n"
                + "INFO LambdaHandler - aws aws.s3 id=1 outcome=handled\n");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("no unexpected warning or error lines (1 expected)");
  }

  @Test
  void everyOtherWarningOrErrorFailsTheCheck(@TempDir Path dir) throws Exception {
    Result r =
        check(
            dir,
            "[WARNING] x.jar, y.jar define 1 overlapping resource:\n"
                + "[main] WARN io.github.cloudeventshandler.aws.LambdaHandler - boom\n"
                + "ERROR ErrorPageFilter - failed\n"
                + "SEVERE: the host failed\n"
                + "2026-12-06T04:01:03.123Z  WARN 1 --- [main] o.s.Thing : careful\n"
                + "Exception in thread \"main\" java.lang.IllegalStateException\n"
                + "[INFO] fine\n");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("6 unexpected warning or error line(s)")
        .contains("overlapping resource")
        .contains("WARN io.github.cloudeventshandler.aws.LambdaHandler - boom")
        .contains("ERROR ErrorPageFilter")
        .contains("SEVERE: the host failed")
        .contains(" WARN 1 --- [main]")
        .contains("Exception in thread")
        .doesNotContain("[INFO] fine");
  }

  private record Result(int code, String out) {}

  private static Result check(Path dir, String log) throws IOException, InterruptedException {
    Path file = dir.resolve("build.log");
    Files.writeString(file, log, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder("bash", SCRIPT.toString(), file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
