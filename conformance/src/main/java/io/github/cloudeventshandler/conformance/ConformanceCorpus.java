package io.github.cloudeventshandler.conformance;

import com.google.gson.JsonElement;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded-event corpus on the classpath. Directories inside a jar cannot be listed, so the
 * corpus is read through {@code conformance/index.txt}, one {@code <provider>/<source>/<case>} per
 * line.
 *
 * <pre>{@code
 * for (ConformanceCase c : ConformanceCorpus.cases("aws")) { ... }
 * ConformanceCase one = ConformanceCorpus.get("cloudevents/sdk-java/json-data");
 * }</pre>
 *
 * <p>Failure contract: a missing index, input or sidecar, or a sidecar that is not strict JSON,
 * fails with an {@link IllegalStateException} naming the resource.
 */
public final class ConformanceCorpus {
  /** The classpath folder that holds the corpus, with a trailing slash. */
  static final String ROOT = "conformance/";

  /** The index resource. */
  static final String INDEX = ROOT + "index.txt";

  private ConformanceCorpus() {}

  /** Every case id listed in {@code index.txt}, in index order. */
  public static List<String> index() {
    String text = new String(read(INDEX), StandardCharsets.UTF_8);
    List<String> ids = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String id = line.strip();
      if (!id.isEmpty() && !id.startsWith("#")) {
        ids.add(id);
      }
    }
    return List.copyOf(ids);
  }

  /** Every case of the corpus, in index order. */
  public static List<ConformanceCase> all() {
    return index().stream().map(ConformanceCorpus::get).toList();
  }

  /**
   * The cases of one provider directory, in index order.
   *
   * @param provider {@code aws}, {@code gcp}, {@code azure} or {@code cloudevents}
   * @throws IllegalStateException when the provider has no case at all (a typo must not pass as an
   *     empty, green test run)
   */
  public static List<ConformanceCase> cases(String provider) {
    List<ConformanceCase> out =
        index().stream()
            .filter(id -> id.startsWith(provider + "/"))
            .map(ConformanceCorpus::get)
            .toList();
    if (out.isEmpty()) {
      throw new IllegalStateException("the conformance corpus has no case for '" + provider + "'");
    }
    return out;
  }

  /**
   * One case by its id {@code <provider>/<source>/<case>}.
   *
   * @throws IllegalStateException when the id is malformed or its files are missing
   */
  public static ConformanceCase get(String id) {
    String[] parts = id.split("/", -1);
    if (parts.length != 3
        || parts[0].isEmpty()
        || parts[1].isEmpty()
        || parts[2].isEmpty()
        || id.contains("..")) {
      throw new IllegalStateException(
          "conformance case id must be <provider>/<source>/<case>: '" + id + "'");
    }
    byte[] input = read(ROOT + id + ".json");
    String sidecar = ROOT + id + ".expected.json";
    JsonElement expected;
    try {
      expected = StrictJson.parse(read(sidecar), JsonLimits.DEFAULT, sidecar);
    } catch (BadEventException e) {
      throw new IllegalStateException(sidecar + " is not strict JSON: " + e.getMessage(), e);
    }
    if (!expected.isJsonObject()) {
      throw new IllegalStateException(sidecar + " is not a JSON object");
    }
    return new ConformanceCase(
        parts[0], parts[1], parts[2], null, input, expected.getAsJsonObject());
  }

  private static byte[] read(String resource) {
    ClassLoader loader = ConformanceCorpus.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("conformance resource not on the classpath: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read conformance resource " + resource, e);
    }
  }
}
