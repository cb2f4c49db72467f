package io.github.cloudeventshandler.samples.books;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The root README's "Getting started" as a user copies it: its {@code pom.xml} and its servlet, in
 * a new project, compiled with {@code mvn -o compile} for each cloud's module, against a local
 * repository this test fills with the artifacts the reactor just built (everything else is linked
 * from the build's own local repository, so nothing is downloaded). On the JDK that runs the build,
 * and the AWS project also on every JDK 21 or later in {@code /usr/lib/jvm}.
 */
@Timeout(600)
class GettingStartedIT {
  private static final Path ROOT = Path.of("..", "..");
  private static final String GROUP = "io/github/cloudeventshandler";

  /** Reactor module directory → artifactId; the parent and the BOM are poms only. */
  private static final List<String[]> MODULES =
      List.of(
          new String[] {".", "cloud-events-handler-parent"},
          new String[] {"bom", "cloud-events-handler-bom"},
          new String[] {"core", "cloud-events-handler-core"},
          new String[] {"servlet-bridge", "cloud-events-handler-servlet-bridge"},
          new String[] {"aws", "cloud-events-handler-aws"},
          new String[] {"gcp", "cloud-events-handler-gcp"},
          new String[] {"azure", "cloud-events-handler-azure"});

  @Test
  void theDocumentedPomAndServletCompileForEveryCloud() throws Exception {
    // not @TempDir: the repository holds links into the shared one, which must stay as it is
    Path tmp = Path.of("target", "getting-started");
    deleteWithoutFollowingLinks(tmp);
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String pom = block(readme, "getting-started-pom", "xml");
    String servlet = block(readme, "getting-started-servlet", "java");
    assertThat(pom).contains("<artifactId>cloud-events-handler-aws</artifactId>");
    Path repo = repository(tmp.resolve("repo"));

    List<String> failures = new ArrayList<>();
    String buildJdk = System.getProperty("java.home");
    for (String cloud : List.of("aws", "gcp", "azure")) {
      compile(tmp, repo, pom, servlet, cloud, Path.of(buildJdk), failures);
    }
    for (Path jdk : otherJdks(Path.of(buildJdk))) {
      compile(tmp, repo, pom, servlet, "aws", jdk, failures);
    }
    assertThat(failures).isEmpty();
  }

  private static void compile(
      Path tmp,
      Path repo,
      String pom,
      String servlet,
      String cloud,
      Path jdk,
      List<String> failures)
      throws IOException, InterruptedException {
    Path project = tmp.resolve(cloud + "-" + jdk.getFileName());
    Path source = project.resolve("src/main/java/com/example/Uploads.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        project.resolve("pom.xml"),
        pom.replace(
            "<artifactId>cloud-events-handler-aws</artifactId>",
            "<artifactId>cloud-events-handler-" + cloud + "</artifactId>"),
        StandardCharsets.UTF_8);
    Files.writeString(source, servlet, StandardCharsets.UTF_8);
    String mvn =
        Path.of(System.getProperty("maven.home"), "bin", isWindows() ? "mvn.cmd" : "mvn")
            .toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                mvn, "-o", "-B", "-q", "-Dmaven.repo.local=" + repo.toAbsolutePath(), "compile")
            .directory(project.toFile())
            .redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", jdk.toString());
    pb.environment().remove("MAVEN_OPTS");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = p.waitFor(300, TimeUnit.SECONDS);
    Path compiled = project.resolve("target/classes/com/example/Uploads.class");
    if (!ended || p.exitValue() != 0 || !Files.exists(compiled)) {
      failures.add(cloud + " on " + jdk + ":\n" + out);
    }
  }

  /** The fenced block of this language right after the {@code <!-- marker ...-->} comment. */
  static String block(String markdown, String marker, String language) {
    Matcher m =
        Pattern.compile(
                "<!-- " + Pattern.quote(marker) + "[^>]*-->\\s*```" + language + "\\n(.*?)\\n```",
                Pattern.DOTALL)
            .matcher(markdown);
    assertThat(m.find()).as("README.md has the block marked " + marker).isTrue();
    return m.group(1) + "\n";
  }

  /**
   * A local repository with the reactor's artifacts of this version copied in, and every other
   * directory of the build's local repository linked, so {@code -o} finds the plugins and the
   * third-party dependencies without writing into the shared repository.
   */
  private static Path repository(Path repo) throws IOException {
    Path shared = Path.of(System.getProperty("localRepository"));
    link(shared, repo, List.of("io", "github", "cloudeventshandler"));
    String version = System.getProperty("project.version");
    for (String[] m : MODULES) {
      Path dir = Files.createDirectories(repo.resolve(GROUP).resolve(m[1]).resolve(version));
      Path module = ROOT.resolve(m[0]);
      Files.copy(module.resolve("pom.xml"), dir.resolve(m[1] + "-" + version + ".pom"));
      Path jar = module.resolve("target").resolve(m[1] + "-" + version + ".jar");
      if (Files.exists(jar)) {
        Files.copy(jar, dir.resolve(m[1] + "-" + version + ".jar"));
      } else {
        assertThat(m[0]).as("the reactor built " + jar).isIn(".", "bom");
      }
    }
    return repo;
  }

  /**
   * Links every entry of {@code from} into {@code to}, except along {@code keep}: that entry is a
   * real directory, filled the same way one level down, and its last element is left empty.
   */
  private static void link(Path from, Path to, List<String> keep) throws IOException {
    Files.createDirectories(to);
    if (keep.isEmpty() || !Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> entries = Files.list(from)) {
      for (Path e : entries.toList()) {
        if (!e.getFileName().toString().equals(keep.get(0))) {
          Files.createSymbolicLink(to.resolve(e.getFileName().toString()), e.toAbsolutePath());
        }
      }
    }
    link(from.resolve(keep.get(0)), to.resolve(keep.get(0)), keep.subList(1, keep.size()));
  }

  private static void deleteWithoutFollowingLinks(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) { // walk does not follow links by default
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** JDKs of release 21 or later in /usr/lib/jvm, other than the one running the build. */
  private static List<Path> otherJdks(Path buildJdk) throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return List.of();
    }
    Set<Path> seen = new java.util.HashSet<>(Set.of(buildJdk.toRealPath()));
    List<Path> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(jvms)) {
      for (Path d : dirs.sorted().toList()) {
        Path release = d.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(d.resolve("bin/javac"))) {
          continue;
        }
        Matcher v =
            Pattern.compile("JAVA_VERSION=\"(\\d+)")
                .matcher(Files.readString(release, StandardCharsets.ISO_8859_1));
        if (v.find() && Integer.parseInt(v.group(1)) >= 21 && seen.add(d.toRealPath())) {
          out.add(d);
        }
      }
    }
    return out;
  }

  private static boolean isWindows() {
    return File.separatorChar == '\\';
  }
}
