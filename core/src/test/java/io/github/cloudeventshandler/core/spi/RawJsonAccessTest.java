package io.github.cloudeventshandler.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The modules that read event JSON do it through {@link EventField} only: a raw Gson accessor
 * ({@code getAsString()}, {@code getAsJsonObject()}, {@code getAsInt()}, ...) throws {@code
 * UnsupportedOperationException}, {@code IllegalStateException} or {@code ClassCastException} on a
 * value of another type, which is how the fuzzed inputs of issue 10 crashed the classifiers. This
 * scan of the main sources of every cloud module fails when one comes back.
 */
class RawJsonAccessTest {
  /** Modules whose main code reads event input only through {@link EventField}. */
  private static final List<String> MODULES = List.of("aws", "azure", "gcp");

  /**
   * A call of a Gson accessor that assumes the type: {@code .getAsString(}, {@code
   * .getAsJsonArray(}, ...
   */
  static final Pattern RAW_ACCESSOR = Pattern.compile("\\.getAs[A-Z][A-Za-z]*\\s*\\(");

  /** Gson's own parser, which is lenient; event JSON is parsed by {@code StrictJson}. */
  static final Pattern LENIENT_PARSER = Pattern.compile("\\bJsonParser\\b");

  @Test
  void thePatternsSeeWhatTheyLookFor() {
    assertThat(RAW_ACCESSOR.matcher("o.get(\"a\").getAsString()").find()).isTrue();
    assertThat(RAW_ACCESSOR.matcher("e.getAsJsonObject ()").find()).isTrue();
    assertThat(RAW_ACCESSOR.matcher("field.optString()").find()).isFalse();
    assertThat(LENIENT_PARSER.matcher("JsonParser.parseString(s)").find()).isTrue();
  }

  @Test
  void noModuleReadsEventJsonWithRawGsonAccessors() throws IOException {
    List<String> found = new ArrayList<>();
    int files = 0;
    for (String module : MODULES) {
      Path root = Path.of("..", module, "src", "main", "java");
      assertThat(root).as(module).isDirectory();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (Pattern p : List.of(RAW_ACCESSOR, LENIENT_PARSER)) {
              Matcher m = p.matcher(line);
              if (m.find() && !line.strip().startsWith("*") && !line.strip().startsWith("//")) {
                found.add(root.relativize(f) + ":" + (i + 1) + ": " + line.strip());
              }
            }
          }
        }
      }
    }
    assertThat(files).isGreaterThan(50);
    assertThat(found)
        .as("read event fields with core.spi.EventField (typed, path in every error) instead")
        .isEmpty();
  }
}
