package io.github.cloudeventshandler.aws;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a {@code main} of the test class path in a child JVM and collects what it printed. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * What a child JVM did.
   *
   * @param exited whether it exited within the time given (else it was killed)
   * @param exitValue its exit status, or -1 when killed
   * @param output stdout and stderr together
   */
  record Result(boolean exited, int exitValue, String output) {}

  static Result run(
      List<String> jvmOptions,
      Class<?> main,
      List<String> args,
      Map<String, String> environment,
      Duration timeout)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(environment);
    Process p = pb.start();
    boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!exited) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(exited, exited ? p.exitValue() : -1, out);
  }
}
