package io.github.cloudeventshandler.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * What a user gets from {@code mvn archetype:generate} with this archetype: a project generated
 * offline from the archetype this build just packaged, then built with {@code mvn -o verify} (its
 * six tests through the test kit, and {@code package}: the three deployables) against this build's
 * artifacts ({@link OfflineMaven}). The generated project and its build's output ({@code
 * build.log}) are left in {@code target/generated}; {@code samples/books}' {@code SamTemplateIT}
 * checks its {@code template.yaml} with the samples'.
 */
@Timeout(900)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchetypeIT {
  static final Path WORK = Path.of("target", "generated").toAbsolutePath();
  static final Path PROJECT = WORK.resolve("uploads");
  private static final Path JDK = Path.of(System.getProperty("java.home"));

  private static OfflineMaven maven;
  private static OfflineMaven.Run build;

  @BeforeAll
  static void generateAndBuild() throws Exception {
    maven = OfflineMaven.create();
    OfflineMaven.delete(WORK);
    Files.createDirectories(WORK);
    OfflineMaven.Run generate =
        maven.run(
            WORK,
            JDK,
            300,
            "org.apache.maven.plugins:maven-archetype-plugin:"
                + System.getProperty("maven-archetype.version")
                + ":generate",
            "-DinteractiveMode=false",
            "-DarchetypeGroupId=io.github.cloudeventshandler",
            "-DarchetypeArtifactId=cloud-events-handler-archetype",
            "-DarchetypeVersion=" + OfflineMaven.version(),
            "-DgroupId=com.example",
            "-DartifactId=uploads",
            "-Dversion=1.0.0-SNAPSHOT",
            "-Dpackage=com.example.uploads");
    assertThat(generate.ok()).as("%s", generate).isTrue();
    build = maven.run(PROJECT, JDK, 600, "verify");
    Files.writeString(WORK.resolve("build.log"), build.output(), StandardCharsets.UTF_8);
  }

  @Test
  @Order(1)
  void theGeneratedFilesAreComplete() throws IOException {
    assertThat(PROJECT.resolve("src/main/java/com/example/uploads"))
        .isDirectoryContaining("glob:**/Application.java")
        .isDirectoryContaining("glob:**/StorageEventController.java")
        .isDirectoryContaining("glob:**/AzureFunctions.java");
    assertThat(PROJECT.resolve(".gitignore")).hasContent("target/");
    assertThat(PROJECT.resolve("host.json")).content().contains("ExtensionBundle");

    String pom = read("pom.xml");
    assertThat(pom)
        .contains("<groupId>com.example</groupId>")
        .contains("<ceh.version>" + OfflineMaven.version() + "</ceh.version>")
        .contains("<azure.functionAppName>uploads</azure.functionAppName>")
        .contains("<application.class>com.example.uploads.Application</application.class>")
        .doesNotContainPattern("@[a-z.-]+@");
    assertThat(read("template.yaml"))
        .contains("CEH_APPLICATION: com.example.uploads.Application")
        .contains("uploads on AWS Lambda");
    String readme = read("README.md");
    assertThat(readme)
        .startsWith("# uploads\n")
        .contains("\n## Test and package\n", "\n### AWS Lambda (SAM)\n", "mvn test", "mvn package")
        .contains("CEH_APPLICATION=com.example.uploads.Application")
        .doesNotContain("#set", "${H}", "$H");
    // every source and text file: Velocity filled in every reference it knows
    try (Stream<Path> files = Files.walk(PROJECT.resolve("src"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, StandardCharsets.UTF_8))
            .as(f.toString())
            .doesNotContain("${package}", "${groupId}", "${artifactId}");
      }
    }
  }

  @Test
  @Order(2)
  void theGeneratedProjectBuildsOfflineAndItsTestsPass() throws IOException {
    assertThat(build.ok()).as("%s", build).isTrue();
    Pattern total = Pattern.compile("Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+)");
    int tests = 0;
    try (Stream<Path> reports = Files.list(PROJECT.resolve("target/surefire-reports"))) {
      for (Path r : reports.filter(p -> p.toString().endsWith(".txt")).toList()) {
        Matcher m = total.matcher(Files.readString(r, StandardCharsets.UTF_8));
        assertThat(m.find()).as(r.toString()).isTrue();
        assertThat(m.group(2) + m.group(3)).as(r.toString()).isEqualTo("00");
        tests += Integer.parseInt(m.group(1));
      }
    }
    assertThat(tests).as("two tests per cloud").isEqualTo(6);
    assertThat(build.output().lines().filter(l -> l.startsWith("[WARNING]")))
        .as("Maven's warnings about the generated project")
        .isEmpty();
  }

  @Test
  @Order(3)
  void packageBuildsTheLambdaDirectory() {
    assertThat(build.ok()).as("the build; see the test before").isTrue();
    Path lambda = PROJECT.resolve("target/lambda");
    assertThat(lambda.resolve("com/example/uploads/Application.class")).isRegularFile();
    assertThat(lambda.resolve("lib/cloud-events-handler-aws-" + OfflineMaven.version() + ".jar"))
        .isRegularFile();
    assertThat(lambda.resolve("lib")).isDirectoryContaining("glob:**/spring-webmvc-*.jar");
    assertThat(lambda.resolve("lib")).isDirectoryNotContaining("glob:**/functions-framework-api*");
  }

  @Test
  @Order(4)
  void packageBuildsTheCloudFunctionsDirectory() throws IOException {
    assertThat(build.ok()).as("the build; see the test before").isTrue();
    Path gcp = PROJECT.resolve("target/gcp");
    List<Path> jars;
    try (Stream<Path> top = Files.list(gcp)) {
      jars = top.filter(p -> p.toString().endsWith(".jar")).toList();
    }
    assertThat(jars).as("one jar at the top of the directory gcloud uploads").hasSize(1);
    String classPath;
    try (JarFile jar = new JarFile(jars.get(0).toFile())) {
      assertThat(jar.getEntry("com/example/uploads/Application.class")).isNotNull();
      classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
    }
    assertThat(classPath)
        .contains("lib/cloud-events-handler-gcp-" + OfflineMaven.version() + ".jar")
        .doesNotContain("functions-framework-api", "cloud-events-handler-testing");
    for (String entry : classPath.trim().split(" +")) {
      assertThat(gcp.resolve(entry)).as("the manifest's Class-Path").isRegularFile();
    }
  }

  @Test
  @Order(5)
  void packageBuildsTheAzureFunctionApp() throws IOException {
    assertThat(build.ok()).as("the build; see the test before").isTrue();
    Path app = PROJECT.resolve("target/azure-functions/uploads");
    assertThat(app.resolve("host.json")).isRegularFile();
    String function = Files.readString(app.resolve("storage/function.json"));
    assertThat(function)
        .contains("\"eventGridTrigger\"")
        .contains("com.example.uploads.AzureFunctions.storage");
    assertThat(app.resolve("lib"))
        .isDirectoryContaining("glob:**/cloud-events-handler-azure-*.jar");
  }

  private static String read(String file) throws IOException {
    return Files.readString(PROJECT.resolve(file), StandardCharsets.UTF_8);
  }
}
