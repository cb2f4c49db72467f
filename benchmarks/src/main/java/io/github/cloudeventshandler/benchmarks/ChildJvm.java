package io.github.cloudeventshandler.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM running the harness driver ({@code benchmarks/side-by-side/driver}) beside one
 * deployable: {@code java -XX:+UseSerialGC <flags> -cp <deployable + driver> Driver <args>}, with
 * the environment {@linkplain #clean cleaned}, then the deployable's own. Standard error goes to a
 * log file.
 */
final class ChildJvm {
  static final String DRIVER = "io.github.cloudeventshandler.benchmarks.driver.Driver";

  private ChildJvm() {}

  /** A timed cold launch: launch → the driver printed its first response. */
  record Cold(long millis, long cpuMillis, String response) {}

  private static ProcessBuilder builder(
      Deployable d, List<String> flags, List<String> args, Map<String, String> env, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.addAll(flags);
    command.addAll(List.of("-cp", d.classpath(), DRIVER));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> e = pb.environment();
    clean(e);
    e.putAll(d.env());
    e.putAll(env);
    pb.redirectError(log.toFile());
    return pb;
  }

  /**
   * Takes from a child's environment what would configure either handler or the JVM behind the
   * harness's back: every {@code CEH_}, {@code SJC_}, {@code AWS_} and {@code _} variable and
   * {@code JAVA_TOOL_OPTIONS}.
   */
  static void clean(Map<String, String> env) {
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("CEH_")
                    || k.startsWith("SJC_")
                    || k.startsWith("AWS_")
                    || k.startsWith("_")
                    || k.equals("JAVA_TOOL_OPTIONS"));
  }

  /**
   * Runs the driver to its end and returns what it printed.
   *
   * @throws IllegalStateException when it exits with another status than 0 or outlives the timeout;
   *     the message holds the end of its log
   */
  static List<String> run(
      Deployable d,
      List<String> flags,
      List<String> args,
      Map<String, String> env,
      Path log,
      long timeoutMillis)
      throws IOException, InterruptedException {
    Path out = log.resolveSibling(log.getFileName() + ".out");
    ProcessBuilder pb = builder(d, flags, args, env, log);
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            d.name()
                + " "
                + args.get(0)
                + " outlived "
                + timeoutMillis
                + " ms; log:\n"
                + tail(log));
      }
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            d.name()
                + " "
                + args.get(0)
                + " exited with "
                + p.exitValue()
                + "; output:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()))
                + "\nlog:\n"
                + tail(log));
      }
      return lines;
    } finally {
      stop(p);
    }
  }

  /**
   * One cold start through a plain {@code main}: timed from just before the process starts to the
   * moment its {@code FIRST_RESPONSE} line is read; then the process is stopped.
   */
  static Cold cold(Deployable d, List<String> flags, Path event, Path log, long timeoutMillis)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        builder(d, flags, List.of("cold", d.handlerClass(), event.toString()), Map.of(), log);
    CompletableFuture<Long> answered = new CompletableFuture<>();
    CompletableFuture<String> response = new CompletableFuture<>();
    long launched = System.nanoTime();
    Process p = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (line.startsWith("FIRST_RESPONSE ")) {
                    answered.complete(System.nanoTime());
                  } else if (line.startsWith("RESPONSE ")) {
                    response.complete(line.substring("RESPONSE ".length()));
                  }
                }
              } catch (IOException e) {
                // the process was stopped
              }
              answered.completeExceptionally(new IllegalStateException("no FIRST_RESPONSE"));
              response.completeExceptionally(new IllegalStateException("no RESPONSE"));
            },
            "cold-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      long at = answered.get(timeoutMillis, TimeUnit.MILLISECONDS);
      long cpu = ColdStart.cpuMillis(p.pid());
      String body = response.get(timeoutMillis, TimeUnit.MILLISECONDS);
      return new Cold((at - launched) / 1_000_000, cpu, body);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          d.name() + " gave no first response (" + e + "); log:\n" + tail(log), e);
    } finally {
      stop(p);
    }
  }

  /** SIGTERM, five seconds for shutdown hooks, then kill (children first). */
  static void stop(Process p) throws InterruptedException {
    if (p.isAlive()) {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  private static String tail(Path log) {
    return ColdStart.tail(log);
  }
}
