package io.github.cloudeventshandler.aws;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an {@code aws-sam-cli} sample-event template with the defaults of {@code
 * event-mapping.json}, following the rules PROVENANCE.md read from SAM's generator: tag names with
 * {@code -} become {@code _}; {@code encoding: base64} is standard base64 of the UTF-8 default,
 * {@code encoding: url} is Python's {@code urllib.parse.quote} (keeps {@code /}); a child with
 * {@code hashing: md5} is the hex MD5 of its parent's value; a {@code type: dict} tag replaces the
 * whole string it fills with the parsed JSON object; unknown placeholders render empty. Output is
 * pretty-printed JSON with two-space indents (SAM's own output is also re-serialised, so rendered
 * events are compared as JSON, not bytes).
 *
 * <p>Run {@code main(fixturesRoot, outDir, service/subcommand=case ...)} to write cases; {@code
 * SamRenderingTest} checks the committed cases still equal the rendering.
 */
final class SamEventRenderer {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}}");
  static final String SAM_EVENTS = "aws-sam-cli/samcli/lib/generated_sample_events";

  private final JsonObject mapping;
  private final Path root;

  SamEventRenderer(Path fixturesRoot) throws IOException {
    this.root = fixturesRoot.resolve(SAM_EVENTS);
    this.mapping =
        JsonParser.parseString(Files.readString(root.resolve("event-mapping.json")))
            .getAsJsonObject();
  }

  /** The template path, relative to the fixtures root. */
  String templatePath(String service, String subcommand) {
    return SAM_EVENTS
        + "/events/"
        + service
        + "/"
        + entry(service, subcommand).get("filename").getAsString()
        + ".json";
  }

  private JsonObject entry(String service, String subcommand) {
    return mapping.getAsJsonObject(service).getAsJsonObject(subcommand);
  }

  /** The rendered event as pretty JSON text with a final newline. */
  String render(String service, String subcommand) throws IOException {
    JsonObject e = entry(service, subcommand);
    Path template =
        root.resolve("events").resolve(service).resolve(e.get("filename").getAsString() + ".json");
    Map<String, String> values = new HashMap<>();
    Set<String> dicts = new java.util.HashSet<>();
    JsonObject tags = e.has("tags") ? e.getAsJsonObject("tags") : new JsonObject();
    for (Map.Entry<String, JsonElement> t : tags.entrySet()) {
      JsonObject tag = t.getValue().getAsJsonObject();
      String name = t.getKey().replace('-', '_');
      String value = encode(tag, tag.get("default").getAsString());
      values.put(name, value);
      if (tag.has("type") && tag.get("type").getAsString().equals("dict")) {
        dicts.add(name);
      }
      if (tag.has("children")) {
        for (Map.Entry<String, JsonElement> c : tag.getAsJsonObject("children").entrySet()) {
          JsonObject child = c.getValue().getAsJsonObject();
          String v = value;
          if (child.has("hashing") && child.get("hashing").getAsString().equals("md5")) {
            v = md5(value);
          }
          values.put(c.getKey().replace('-', '_'), encode(child, v));
        }
      }
    }
    JsonElement tree = JsonParser.parseString(Files.readString(template, StandardCharsets.UTF_8));
    JsonElement rendered = fill(tree, values, dicts);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(rendered)
        + "\n";
  }

  private static String encode(JsonObject tag, String value) {
    if (!tag.has("encoding")) {
      return value;
    }
    return switch (tag.get("encoding").getAsString()) {
      case "base64" -> Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
      case "url" ->
          URLEncoder.encode(value, StandardCharsets.UTF_8)
              .replace("+", "%20")
              .replace("%2F", "/")
              .replace("%7E", "~");
      default -> throw new IllegalArgumentException("unknown encoding " + tag.get("encoding"));
    };
  }

  private static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonElement fill(JsonElement e, Map<String, String> values, Set<String> dicts) {
    if (e.isJsonObject()) {
      JsonObject out = new JsonObject();
      e.getAsJsonObject()
          .entrySet()
          .forEach(m -> out.add(m.getKey(), fill(m.getValue(), values, dicts)));
      return out;
    }
    if (e.isJsonArray()) {
      JsonArray out = new JsonArray();
      e.getAsJsonArray().forEach(x -> out.add(fill(x, values, dicts)));
      return out;
    }
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      String s = e.getAsString();
      Matcher whole = PLACEHOLDER.matcher(s);
      if (whole.matches() && dicts.contains(whole.group(1))) {
        return JsonParser.parseString(values.get(whole.group(1)));
      }
      Matcher m = PLACEHOLDER.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
      }
      m.appendTail(sb);
      return new JsonPrimitive(sb.toString());
    }
    return e;
  }

  /** {@code main(fixturesRoot, outDir, "s3/put=s3/s3-put-sam", ...)} writes rendered cases. */
  public static void main(String[] args) throws IOException {
    SamEventRenderer r = new SamEventRenderer(Path.of(args[0]));
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=");
      String[] ss = kv[0].split("/");
      Path out = Path.of(args[1]).resolve(kv[1] + ".json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, r.render(ss[0], ss[1]), StandardCharsets.UTF_8);
    }
  }
}
