package io.github.cloudeventshandler.conformance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * One recorded event of the corpus and what must happen to it: the bytes of {@code
 * <provider>/<source>/<name>.json} and the parsed {@code <name>.expected.json} sidecar (format in
 * {@code conformance/README.md}). Instances are immutable; {@link #toString()} is the case id, so
 * {@code @ParameterizedTest(name = "{0}")} shows it.
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @ConformanceCases(provider = "aws")
 * void lambda(ConformanceCase c) {
 *   RecordingApplication app = RecordingApplication.forCase(c);
 *   JsonElement reply = handler.handle(c.input(), app);
 *   ConformanceAssertions.assertRequests(c, app.requests());
 *   ConformanceAssertions.assertReply(c, reply);
 * }
 * }</pre>
 *
 * <p>Failure contract: accessors never return null; reading a field the sidecar does not have gives
 * an empty value, and a sidecar field of the wrong type fails with an {@link IllegalStateException}
 * naming the case and the field.
 */
public final class ConformanceCase {
  private final String provider;
  private final String source;
  private final String name;
  private final String scenario;
  private final byte[] input;
  private final JsonObject expected;

  ConformanceCase(
      String provider,
      String source,
      String name,
      String scenario,
      byte[] input,
      JsonObject expected) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.source = Objects.requireNonNull(source, "source");
    this.name = Objects.requireNonNull(name, "name");
    this.scenario = scenario;
    this.input = Objects.requireNonNull(input, "input").clone();
    this.expected = Objects.requireNonNull(expected, "expected").deepCopy();
  }

  /** The provider directory: {@code aws}, {@code gcp}, {@code azure}, {@code cloudevents}. */
  public String provider() {
    return provider;
  }

  /** The source directory, e.g. {@code s3}, {@code pubsub}, {@code sdk-java}. */
  public String source() {
    return source;
  }

  /** The case name, e.g. {@code sqs-fifo-two-records}. */
  public String name() {
    return name;
  }

  /**
   * The case id {@code <provider>/<source>/<name>} as listed in {@code index.txt}, with {@code
   * #<n>} appended for the n-th (1-based) of {@link #scenarios()}.
   */
  public String id() {
    String id = provider + "/" + source + "/" + name;
    return scenario == null ? id : id + "#" + scenario;
  }

  /** The classpath resource of the input: {@code conformance/<provider>/<source>/<name>.json}. */
  public String resource() {
    return ConformanceCorpus.ROOT + provider + "/" + source + "/" + name + ".json";
  }

  /** A copy of the recorded input bytes, exactly as in the fixture. */
  public byte[] input() {
    return input.clone();
  }

  /** The input decoded as UTF-8. */
  public String inputText() {
    return new String(input, StandardCharsets.UTF_8);
  }

  /**
   * A copy of the whole sidecar; for a scenario, the case's fields with the scenario's fields laid
   * over them.
   */
  public JsonObject expected() {
    return expected.deepCopy();
  }

  /** The sidecar's {@code description}, or the empty string. */
  public String description() {
    return optionalString("description").orElse("");
  }

  /** The entry point the case is fed to: {@code lambda}, {@code cloudevents-http}, ... */
  public String entryPoint() {
    return optionalString("entryPoint")
        .orElseThrow(() -> new IllegalStateException(id() + ": sidecar has no entryPoint"));
  }

  /** Whether the case must fail ({@code error} in the sidecar) instead of producing a reply. */
  public boolean expectsError() {
    return expected.has("error");
  }

  /** The {@code CEH_*} settings of the case ({@code settings}), in sidecar order. */
  public Map<String, String> settings() {
    Map<String, String> out = new LinkedHashMap<>();
    JsonObject s = object("settings").orElse(new JsonObject());
    for (Map.Entry<String, JsonElement> e : s.entrySet()) {
      out.put(e.getKey(), string(e.getValue(), "settings." + e.getKey()));
    }
    return out;
  }

  /**
   * A configuration holding the case's {@link #settings()} and nothing else. Add the application
   * with {@code c.configuration().toBuilder().application(MyApp.class).build()}.
   */
  public Configuration configuration() {
    return Configuration.from(settings(), new Properties());
  }

  /** How the bytes arrive over HTTP ({@code transport}), when the case is HTTP-delivered. */
  public Optional<Transport> transport() {
    return object("transport").map(t -> Transport.from(id(), t));
  }

  /**
   * A raw event of the input as the entry point would build it: the bytes, and for HTTP-delivered
   * cases the transport's request line and headers.
   *
   * @param rawProvider the {@link RawEvent} provider, e.g. {@link RawEvent#AWS} or {@link
   *     RawEvent#HTTP}
   */
  public RawEvent rawEvent(String rawProvider) {
    RawEvent.Builder b = RawEvent.builder(rawProvider, input);
    transport()
        .ifPresent(
            t -> b.headers(t.headers()).request(t.method(), t.path(), t.query().orElse(null)));
    return b.build();
  }

  /**
   * The runs of this case: one case per entry of {@code scenarios} (each with the case's fields and
   * the scenario's fields laid over them), or just this case when there are none.
   */
  public List<ConformanceCase> scenarios() {
    if (!expected.has("scenarios")) {
      return List.of(this);
    }
    JsonElement s = expected.get("scenarios");
    if (!s.isJsonArray() || s.getAsJsonArray().isEmpty()) {
      throw new IllegalStateException(id() + ": scenarios must be a non-empty array");
    }
    List<ConformanceCase> out = new ArrayList<>();
    int i = 1;
    for (JsonElement e : s.getAsJsonArray()) {
      if (!e.isJsonObject()) {
        throw new IllegalStateException(id() + ": scenarios[" + (i - 1) + "] is not an object");
      }
      JsonObject merged = expected.deepCopy();
      merged.remove("scenarios");
      e.getAsJsonObject().entrySet().forEach(f -> merged.add(f.getKey(), f.getValue().deepCopy()));
      out.add(new ConformanceCase(provider, source, name, String.valueOf(i++), input, merged));
    }
    return List.copyOf(out);
  }

  Optional<JsonObject> object(String field) {
    JsonElement e = expected.get(field);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (!e.isJsonObject()) {
      throw new IllegalStateException(id() + ": sidecar field " + field + " is not an object");
    }
    return Optional.of(e.getAsJsonObject());
  }

  Optional<String> optionalString(String field) {
    JsonElement e = expected.get(field);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    return Optional.of(string(e, field));
  }

  private String string(JsonElement e, String field) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new IllegalStateException(id() + ": sidecar field " + field + " is not a string");
    }
    return e.getAsString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConformanceCase c && c.id().equals(id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }

  @Override
  public String toString() {
    return id();
  }

  /**
   * How an HTTP-delivered case arrives: the sidecar's {@code transport}.
   *
   * @param method the HTTP method, default {@code POST}
   * @param path the raw request path, default {@code /}
   * @param query the raw query string without {@code ?}, when there is one
   * @param headers the transport headers; a sidecar value may be a string or an array of strings
   */
  public record Transport(String method, String path, Optional<String> query, Headers headers) {
    /** Validates. */
    public Transport {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(headers, "headers");
    }

    static Transport from(String id, JsonObject t) {
      String method = text(id, t, "method").orElse("POST");
      String path = text(id, t, "path").orElse("/");
      Optional<String> query = text(id, t, "query");
      Headers.Builder h = Headers.builder();
      JsonElement hs = t.get("headers");
      if (hs != null && !hs.isJsonNull()) {
        if (!hs.isJsonObject()) {
          throw new IllegalStateException(id + ": transport.headers is not an object");
        }
        for (Map.Entry<String, JsonElement> e : hs.getAsJsonObject().entrySet()) {
          for (String v : ConformanceAssertions.headerValues(id, "transport.headers", e)) {
            h.add(e.getKey(), v);
          }
        }
      }
      return new Transport(method, path, query, h.build());
    }

    private static Optional<String> text(String id, JsonObject o, String field) {
      JsonElement e = o.get(field);
      if (e == null || e.isJsonNull()) {
        return Optional.empty();
      }
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        throw new IllegalStateException(id + ": transport." + field + " is not a string");
      }
      return Optional.of(e.getAsString());
    }
  }
}
