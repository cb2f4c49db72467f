package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every anchor an error message points to has its section in docs/troubleshooting.md. */
class TroubleshootingDocTest {
  private static final Path DOC = Path.of("..", "docs", "troubleshooting.md");

  private static String doc() throws IOException {
    return Files.readString(DOC, StandardCharsets.UTF_8);
  }

  @Test
  void everyProblemHasASection() throws IOException {
    String doc = doc();
    for (Problem p : Problem.values()) {
      assertThat(doc).as(p.name()).contains("\n## " + p.anchor() + "\n");
    }
    assertThat(doc).contains("\n## unrecognized-event\n").contains("\n## configuration\n");
  }

  @Test
  void everyAnchorInTheSourcesHasASection() throws IOException {
    String doc = doc();
    Pattern anchor = Pattern.compile("troubleshooting\\.md#([a-z-]+)");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).toList();
    }
    assertThat(sources).isNotEmpty();
    int found = 0;
    for (Path f : sources) {
      Matcher m = anchor.matcher(Files.readString(f, StandardCharsets.UTF_8));
      while (m.find()) {
        found++;
        assertThat(doc).as(f + " -> " + m.group(1)).contains("\n## " + m.group(1) + "\n");
      }
    }
    assertThat(found).isPositive();
  }

  @Test
  void messagesCarryTheirAnchor() {
    assertThat(new BadEventException(Problem.TOO_DEEP, "x").getMessage())
        .isEqualTo("x (see docs/troubleshooting.md#too-deep)");
    assertThat(new UnrecognizedEventException("y").getMessage())
        .isEqualTo("y (see docs/troubleshooting.md#unrecognized-event)");
    assertThat(new ConfigurationException("z").getMessage())
        .isEqualTo("z (see docs/troubleshooting.md#configuration)");
    assertThat(
            new ConfigurationException(
                    new BadEventException(Problem.MALFORMED_JSON, "CEH_ROUTES: bad").getMessage())
                .getMessage())
        .isEqualTo("CEH_ROUTES: bad (see docs/troubleshooting.md#configuration)");
  }
}
