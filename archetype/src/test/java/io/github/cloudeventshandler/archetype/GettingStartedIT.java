package io.github.cloudeventshandler.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The root README's "Getting started" as a user copies it: its {@code pom.xml} and its servlet, in
 * a new project, compiled with {@code mvn -o compile} for each cloud's module against this build's
 * artifacts ({@link OfflineMaven}). On the JDK that runs the build, and the AWS project also on
 * every JDK 21 or later in {@code /usr/lib/jvm}.
 */
@Timeout(600)
class GettingStartedIT {
  private static final Path ROOT = Path.of("..");

  @Test
  void theDocumentedPomAndServletCompileForEveryCloud() throws Exception {
    Path tmp = Path.of("target", "getting-started").toAbsolutePath();
    OfflineMaven.delete(tmp);
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String pom = block(readme, "getting-started-pom", "xml");
    String servlet = block(readme, "getting-started-servlet", "java");
    assertThat(pom).contains("<artifactId>cloud-events-handler-aws</artifactId>");
    OfflineMaven maven = OfflineMaven.create();

    List<String> failures = new ArrayList<>();
    Path buildJdk = Path.of(System.getProperty("java.home"));
    for (String cloud : List.of("aws", "gcp", "azure")) {
      compile(maven, tmp, pom, servlet, cloud, buildJdk, failures);
    }
    for (Path jdk : otherJdks(buildJdk)) {
      compile(maven, tmp, pom, servlet, "aws", jdk, failures);
    }
    assertThat(failures).isEmpty();
  }

  private static void compile(
      OfflineMaven maven,
      Path tmp,
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
    OfflineMaven.Run run = maven.run(project, jdk, 300, "-q", "compile");
    if (!run.ok() || !Files.exists(project.resolve("target/classes/com/example/Uploads.class"))) {
      failures.add(cloud + " on " + jdk + ": " + run);
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
}
