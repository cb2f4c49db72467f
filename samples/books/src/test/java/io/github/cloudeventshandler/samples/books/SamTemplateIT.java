package io.github.cloudeventshandler.samples.books;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The SAM templates of the repository ({@code samples/books}, {@code samples/hello-lambda}) and the
 * one the archetype generates (the project {@code ArchetypeIT} generated and packaged in {@code
 * archetype/target/generated/uploads}), after {@code package}: {@code cfn-lint} passes when it is
 * installed (it is not on Maven Central; the test says so and skips that part otherwise), and these
 * checks always run: the managed Java runtime is the one the root README's "Runtimes" table names
 * and is not past its deprecation date, the handler is {@code LambdaHandler}, SnapStart is on for
 * published versions behind an alias, {@code CEH_APPLICATION} names a class of the repository (of
 * the generated project), and {@code CodeUri} is what the module's build produced.
 */
class SamTemplateIT {
  private static final Path ROOT = Path.of("..", "..");

  /** The project the archetype's {@code ArchetypeIT} generated and packaged. */
  private static final String GENERATED = "archetype/target/generated/uploads";

  private static final String HANDLER =
      "io.github.cloudeventshandler.aws.LambdaHandler::handleRequest";

  @ParameterizedTest
  @ValueSource(strings = {"samples/books", "samples/hello-lambda", GENERATED})
  void theTemplateDeploysTheHandlerOnACurrentRuntimeWithSnapStart(String module)
      throws IOException {
    Path dir = ROOT.resolve(module);
    assertGenerated(module);
    Map<String, Object> template = yaml(dir.resolve("template.yaml"));
    assertThat(template.get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
    Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
    Map<String, String> runtimes = readmeRuntimes();
    int functions = 0;
    for (Map.Entry<String, Object> r : map(template.get("Resources")).entrySet()) {
      Map<String, Object> resource = map(r.getValue());
      if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
        continue;
      }
      functions++;
      Map<String, Object> p = map(resource.get("Properties"));
      String name = module + " " + r.getKey();
      String runtime = String.valueOf(p.getOrDefault("Runtime", globals.get("Runtime")));
      assertThat(runtimes).as(name + ": the README's Runtimes table").containsKey(runtime);
      assertThat(LocalDate.parse(runtimes.get(runtime)))
          .as(name + ": " + runtime + " is deprecated; move to a newer runtime and the README")
          .isAfter(LocalDate.now());
      assertThat(p.get("Handler")).as(name).isEqualTo(HANDLER);
      assertThat(map(p.get("SnapStart")).get("ApplyOn")).as(name).isEqualTo("PublishedVersions");
      assertThat(p.get("AutoPublishAlias")).as(name + ": SnapStart needs a version").isNotNull();
      String app = application(p, globals);
      assertThat(app).as(name + ": CEH_APPLICATION").isNotNull();
      Path sourceRoot = module.equals(GENERATED) ? dir.resolve("src") : ROOT.resolve("samples");
      try (var sources = Files.walk(sourceRoot)) {
        String file = app.replace('.', '/') + ".java";
        assertThat(
                sources.filter(f -> f.toString().replace(File.separatorChar, '/').endsWith(file)))
            .as(name + ": CEH_APPLICATION names a class of the repository")
            .isNotEmpty();
      }
      Path code = dir.resolve(String.valueOf(p.get("CodeUri")));
      assertThat(code.normalize())
          .as(name + ": CodeUri is a build output")
          .startsWith(dir.resolve("target").normalize());
      if (Files.isDirectory(dir.resolve("target"))) {
        assertThat(code).as(name + ": the module's package built CodeUri").exists();
      }
    }
    assertThat(functions).as(module).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"samples/books", "samples/hello-lambda", GENERATED})
  void cfnLintPasses(String module) throws Exception {
    assertGenerated(module);
    Path template = ROOT.resolve(module).resolve("template.yaml");
    Process p;
    try {
      p =
          new ProcessBuilder("cfn-lint", "--", template.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException notInstalled) {
      Assumptions.abort("cfn-lint is not installed; the other test checked " + template);
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("cfn-lint " + template + "\n" + out).isZero();
  }

  /** The generated project is there: the archetype module's integration test ran first. */
  private static void assertGenerated(String module) {
    if (module.equals(GENERATED)) {
      assertThat(ROOT.resolve(module).resolve("template.yaml"))
          .as("ArchetypeIT generates it in the archetype module's verify, before this module")
          .isRegularFile();
    }
  }

  /**
   * The AWS rows of the README's "Runtimes" table: runtime identifier → deprecation date. (| AWS
   * Lambda | `java25` ... | 2029-06-30 | ...).
   */
  static Map<String, String> readmeRuntimes() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("(?m)^\\| AWS Lambda \\| `(java\\d+)`[^|]*\\| (\\d{4}-\\d{2}-\\d{2}) \\|")
            .matcher(readme);
    Map<String, String> out = new LinkedHashMap<>();
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    assertThat(out).as("README.md's Runtimes table has AWS Lambda rows").isNotEmpty();
    return out;
  }

  private static String application(Map<String, Object> p, Map<String, Object> globals) {
    for (Map<String, Object> scope : List.of(p, globals)) {
      Object env = scope.get("Environment");
      if (env != null) {
        Object app = map(map(env).get("Variables")).get("CEH_APPLICATION");
        if (app != null) {
          return app.toString();
        }
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  /**
   * The template, with CloudFormation's short-form tags ({@code !Ref x}) read as {@code {"Ref":
   * x}}.
   */
  private static Map<String, Object> yaml(Path file) throws IOException {
    return map(
        new Yaml(new CloudFormationTags()).load(Files.readString(file, StandardCharsets.UTF_8)));
  }

  private static final class CloudFormationTags extends SafeConstructor {
    CloudFormationTags() {
      super(new LoaderOptions());
      this.yamlConstructors.put(
          null,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              String tag = node.getTag().getValue().substring(1);
              String key = tag.equals("Ref") ? "Ref" : "Fn::" + tag;
              Object value;
              if (node instanceof ScalarNode s) {
                value = s.getValue();
              } else if (node instanceof SequenceNode q) {
                value = new ArrayList<>(constructSequence(q));
              } else {
                value = constructMapping((org.yaml.snakeyaml.nodes.MappingNode) node);
              }
              return Map.of(key, value);
            }
          });
    }
  }
}
