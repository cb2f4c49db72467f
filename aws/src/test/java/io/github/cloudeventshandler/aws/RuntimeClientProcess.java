package io.github.cloudeventshandler.aws;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the real AWS Lambda runtime interface client ({@code
 * com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) in its own JVM with a handler given
 * by name, pointed at a {@link FakeRuntimeApi}, with the environment Lambda would give it. The
 * classpath is the module's test classpath as written by {@code dependency:build-classpath}.
 */
final class RuntimeClientProcess implements AutoCloseable {
  private final Process process;
  final Path log;

  private RuntimeClientProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static RuntimeClientProcess start(String handler, String runtimeApi, Map<String, String> extraEnv)
      throws IOException {
    Path work = Path.of(require("runtimeClient.workDir"));
    Path taskRoot = Files.createDirectories(work.resolve("task"));
    Path log = Files.createTempFile(Files.createDirectories(work), "ric-", ".log");
    String classpath =
        String.join(
            File.pathSeparator,
            require("runtimeClient.classes"),
            require("runtimeClient.testClasses"),
            Files.readString(Path.of(require("runtimeClient.classpathFile"))).trim());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java,
                "-Xshare:auto",
                "-XX:+UseSerialGC",
                "-cp",
                classpath,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                handler));
    pb.directory(taskRoot.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("CEH_") || k.startsWith("AWS_") || k.startsWith("_"));
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put("_HANDLER", handler);
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("AWS_LAMBDA_FUNCTION_NAME", "runtime-it");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/runtime-it");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]0123456789abcdef");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("TZ", ":UTC");
    env.putAll(extraEnv);
    return new RuntimeClientProcess(pb.start(), log);
  }

  Process process() {
    return process;
  }

  /** The last lines the client printed, for failure messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static String require(String property) {
    String v = System.getProperty(property);
    if (v == null) {
      throw new IllegalStateException(
          property + " is not set: run this test with failsafe (mvn verify), which sets it");
    }
    return v;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
