package io.github.cloudeventshandler.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Maven offline on a project outside the reactor (a generated one, the README's pom) against a
 * private local repository: this build's own artifacts there were installed by {@code
 * invoker:install} ({@code target/it-repo}: from the reactor, never from {@code ~/.m2}, with copies
 * of their third-party dependencies), and everything else of the build's local repository is linked
 * in, so the plugins and third-party dependencies the main build already resolved are found without
 * a download and without writing into the shared repository.
 */
final class OfflineMaven {
  private static final String OWN_GROUP = "io/github/cloudeventshandler";

  private final Path repository;

  private OfflineMaven(Path repository) {
    this.repository = repository;
  }

  /** The repository of {@code -Dit.repository}, completed with links into the build's one. */
  static OfflineMaven create() throws IOException {
    Path repo = Path.of(System.getProperty("it.repository")).toAbsolutePath();
    String version = System.getProperty("project.version");
    assertThat(repo.resolve(OWN_GROUP).resolve("cloud-events-handler-core"))
        .as("invoker:install put the reactor's artifacts into " + repo)
        .isDirectory();
    Path shared = Path.of(System.getProperty("localRepository")).toAbsolutePath();
    link(shared, repo, shared.resolve(OWN_GROUP));
    assertThat(version).isNotBlank();
    return new OfflineMaven(repo);
  }

  /** This build's version ({@code 0.1.0-SNAPSHOT}). */
  static String version() {
    return System.getProperty("project.version");
  }

  /**
   * Links every entry of {@code from} that {@code to} lacks; where both have a directory (one that
   * invoker:install made), does the same one level down. {@code own} (this project's group) is
   * never linked: what it holds comes only from the reactor.
   */
  private static void link(Path from, Path to, Path own) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> entries = Files.list(from)) {
      for (Path e : entries.toList()) {
        Path target = to.resolve(e.getFileName().toString());
        if (e.equals(own)) {
          continue;
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(target, e.toAbsolutePath());
        } else if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(e)) {
          link(e, target, own);
        }
      }
    }
  }

  /** What one Maven run printed, and whether it ended with 0 in time. */
  record Run(List<String> command, boolean ok, String output) {
    @Override
    public String toString() {
      return String.join(" ", command) + (ok ? " succeeded" : " FAILED") + ":\n" + output;
    }
  }

  /**
   * {@code mvn -o -B -Dmaven.repo.local=<repository> args…} in {@code dir} on the JDK {@code jdk}.
   */
  Run run(Path dir, Path jdk, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    String mvn =
        Path.of(System.getProperty("maven.home"), "bin", isWindows() ? "mvn.cmd" : "mvn")
            .toString();
    List<String> command = new ArrayList<>(List.of(mvn, "-o", "-B"));
    command.add("-Dmaven.repo.local=" + repository);
    command.addAll(List.of(args));
    Path log = Files.createTempFile("offline-maven", ".log");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("JAVA_HOME", jdk.toString());
      pb.environment().remove("MAVEN_OPTS");
      pb.environment().remove("MAVEN_ARGS");
      Process p = pb.start();
      p.getOutputStream().close();
      boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!ended) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      return new Run(command, ended && p.exitValue() == 0, ended ? out : out + "\n(timed out)");
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Deletes {@code dir} and everything in it; links are removed, never followed. */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) { // walk does not follow links by default
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static boolean isWindows() {
    return File.separatorChar == '\\';
  }
}
