package io.github.cloudeventshandler.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the corpus in the source tree: index.txt against the files, sidecars, names, provenance.
 */
class CorpusLayoutTest {
  private static final Path ROOT = Path.of("src/main/resources/conformance");

  /** Entry points each provider directory may name (CONFORMANCE-FORMAT.md). */
  private static final Map<String, Set<String>> ENTRY_POINTS =
      Map.of(
          "aws", Set.of("lambda", "cloudevents-http"),
          "gcp", Set.of("cloudevents", "background", "http", "cloudevents-http"),
          "azure",
              Set.of(
                  "eventgrid",
                  "queue",
                  "servicebus",
                  "eventhubs",
                  "blob",
                  "timer",
                  "cosmosdb",
                  "http",
                  "webpubsub",
                  "cloudevents-http"),
          "cloudevents", Set.of("cloudevents-http"));

  /** Every sidecar field the format defines; anything else is a typo that would go unchecked. */
  private static final Set<String> FIELDS =
      Set.of(
          "description",
          "entryPoint",
          "transport",
          "settings",
          "answers",
          "classification",
          "requests",
          "reply",
          "replyStatus",
          "replyHeaders",
          "replyBody",
          "replyJson",
          "error",
          "scenarios");

  private static final String KEBAB = "[a-z0-9]+(-[a-z0-9]+)*";

  @Test
  void indexIsSortedDistinctAndListsExactlyTheCasesInTheTree() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("index.txt"), StandardCharsets.UTF_8);
    List<String> sorted = new ArrayList<>(new TreeSet<>(lines));
    assertThat(lines).as("index.txt: sorted, no duplicates, no blank lines").isEqualTo(sorted);
    assertThat(lines).doesNotContain("");
    assertThat(new TreeSet<>(lines)).as("index.txt against the files").isEqualTo(casesInTree());
    assertThat(lines).isNotEmpty();
  }

  @Test
  void everyCaseHasAStrictSidecarWithAnEntryPointOfItsProvider() throws IOException {
    for (String id : casesInTree()) {
      Path sidecar = ROOT.resolve(id + ".expected.json");
      assertThat(sidecar).as(id + " has its sidecar").exists();
      JsonElement parsed =
          StrictJson.parse(Files.readAllBytes(sidecar), JsonLimits.DEFAULT, sidecar.toString());
      assertThat(parsed.isJsonObject()).as(sidecar + " is an object").isTrue();
      JsonObject o = parsed.getAsJsonObject();
      assertThat(FIELDS).as(sidecar + " uses only the format's fields").containsAll(o.keySet());
      assertThat(o.has("entryPoint")).as(sidecar + " has an entryPoint").isTrue();
      String provider = id.substring(0, id.indexOf('/'));
      assertThat(ENTRY_POINTS.get(provider))
          .as(sidecar + " entryPoint")
          .contains(o.get("entryPoint").getAsString());
      boolean outcome =
          o.has("error")
              || o.has("requests")
              || o.has("reply")
              || o.has("replyStatus")
              || o.has("scenarios");
      assertThat(outcome).as(sidecar + " says what must happen").isTrue();
    }
  }

  @Test
  void namesAreKebabCaseUnderAKnownProvider() throws IOException {
    for (String id : casesInTree()) {
      String[] parts = id.split("/");
      assertThat(parts).as(id).hasSize(3);
      assertThat(ENTRY_POINTS).as(id + ": provider directory").containsKey(parts[0]);
      assertThat(parts[1]).as(id + ": source directory").matches(KEBAB);
      assertThat(parts[2]).as(id + ": case name").matches(KEBAB);
    }
  }

  @Test
  void everyCaseHasProvenanceInAReadmeBesideItOrAtItsProvider() throws IOException {
    for (String id : casesInTree()) {
      String[] parts = id.split("/");
      Path near = ROOT.resolve(parts[0]).resolve(parts[1]).resolve("README.md");
      Path provider = ROOT.resolve(parts[0]).resolve("README.md");
      Path readme = Files.exists(near) ? near : provider;
      assertThat(readme).as(id + ": README.md with provenance").exists();
      assertThat(Files.readString(readme)).as(readme + " names " + parts[2]).contains(parts[2]);
    }
  }

  @Test
  void theTreeHoldsNothingButCasesSidecarsAndReadmes() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<String> stray =
          files
              .filter(Files::isRegularFile)
              .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
              .filter(p -> !p.equals("index.txt"))
              .filter(p -> !p.endsWith(".json") && !p.endsWith("/README.md"))
              .toList();
      assertThat(stray).isEmpty();
    }
    for (String id : sidecarsInTree()) {
      assertThat(ROOT.resolve(id + ".json")).as("the input of sidecar " + id).exists();
    }
  }

  private static Set<String> casesInTree() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      Set<String> ids = new TreeSet<>();
      files
          .filter(Files::isRegularFile)
          .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(".json") && !p.endsWith(".expected.json"))
          .forEach(p -> ids.add(p.substring(0, p.length() - ".json".length())));
      return ids;
    }
  }

  private static Set<String> sidecarsInTree() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      Set<String> ids = new TreeSet<>();
      files
          .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(".expected.json"))
          .forEach(p -> ids.add(p.substring(0, p.length() - ".expected.json".length())));
      return ids;
    }
  }
}
