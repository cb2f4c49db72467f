package io.github.cloudeventshandler.gcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Functions Framework invoker ({@code java-function-invoker}) as a separate process on
 * loopback, the way Cloud Functions runs it: {@code java -jar invoker.jar --classpath <function
 * classpath> --target <class> --port <port>} with {@code FUNCTION_SIGNATURE_TYPE} in its
 * environment. The invoker jar and the function classpath come from system properties set by the
 * failsafe configuration in {@code gcp/pom.xml}; the invoker's own Jetty, gson and logging never
 * touch this JVM's classpath.
 *
 * <p>{@link #close()} destroys the process (forcibly after 5 s); its output goes to a log file
 * whose tail is put into every failure message.
 *
 * <p>Facts about invoker 2.0.0 this relies on: it bundles Jetty 12.1.3, Jackson, gson and
 * CloudEvents 4.0.1; the function's class loader sees only {@code com.google.cloud.functions.*} and
 * the top-level {@code io.cloudevents.*} API classes of the invoker, so our Jetty 12.1.14 and
 * servlet API on {@code --classpath} do not clash with its own. It has no host flag and binds
 * {@code 0.0.0.0}; the test only ever connects to {@code 127.0.0.1}.
 */
final class InvokerProcess implements AutoCloseable {
  static final String INVOKER_JAR = "it.invoker.jar";
  static final String FUNCTION_CLASSPATH = "it.function.classpath";
  static final String WORK_DIR = "it.work.dir";

  private final Process process;
  private final int port;
  private final Path log;
  private final String name;

  private final Thread killer;

  private InvokerProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
    // if the test JVM is stopped (Ctrl-C, failsafe timeout), the invoker does not outlive it
    this.killer = new Thread(process::destroyForcibly, "kill-" + name);
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** The invoker exited because its port was taken after we chose it. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }

  /**
   * Starts the invoker and waits until it accepts connections.
   *
   * @param name names the log file
   * @param target the function class
   * @param signatureType {@code http}, {@code event} or {@code cloudevent}
   * @param environment extra environment ({@code CEH_*}); the parent's {@code CEH_*} and {@code
   *     FUNCTION_*} variables are removed first so the developer's shell cannot leak in
   * @param readiness how long to wait for the port
   */
  static InvokerProcess start(
      String name,
      String target,
      String signatureType,
      Map<String, String> environment,
      Duration readiness) {
    // The free port is chosen before the invoker binds it; another process may take it in
    // between. Only that case is retried, at most twice.
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(name, target, signatureType, environment, readiness);
      } catch (PortTakenException e) {
        if (attempt == 3) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
    }
  }

  private static InvokerProcess startOnce(
      String name,
      String target,
      String signatureType,
      Map<String, String> environment,
      Duration readiness) {
    Path jar = Path.of(required(INVOKER_JAR));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the invoker jar "
              + jar
              + " is missing: run through `mvn verify` (pre-integration-test)");
    }
    Path dir = Path.of(required(WORK_DIR));
    int port = freeLoopbackPort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(jar.toString());
    command.add("--classpath");
    command.add(required(FUNCTION_CLASSPATH));
    command.add("--target");
    command.add(target);
    command.add("--port");
    command.add(Integer.toString(port));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("CEH_") || k.startsWith("FUNCTION_"));
    pb.environment().remove("K_SERVICE");
    pb.environment().put("FUNCTION_SIGNATURE_TYPE", signatureType);
    pb.environment().put("FUNCTION_TARGET", target);
    pb.environment().putAll(environment);
    Path log;
    try {
      Files.createDirectories(dir);
      log = dir.resolve(name + ".log");
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    InvokerProcess invoker = new InvokerProcess(name, process, port, log);
    try {
      invoker.awaitReady(readiness);
    } catch (RuntimeException | Error e) {
      invoker.close();
      throw e;
    }
    return invoker;
  }

  /** The base URI, {@code http://127.0.0.1:<port>}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** The last lines of the process output, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return name
          + " log ("
          + log
          + "):\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return name + " log unreadable: " + e;
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        if (logTail().contains("Address already in use")) {
          throw new PortTakenException("port " + port + " was taken\n" + logTail());
        }
        throw new IllegalStateException(
            "the invoker exited with " + process.exitValue() + " before listening\n" + logTail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IllegalStateException(
        "the invoker did not listen on port " + port + " within " + timeout + "\n" + logTail());
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set: run through `mvn verify` (failsafe)");
    }
    return v;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the invoker", e);
    }
  }
}
