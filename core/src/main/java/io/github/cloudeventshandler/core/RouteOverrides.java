package io.github.cloudeventshandler.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.RoutePaths;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code CEH_ROUTES}: replaces default routes. A CloudEvent {@code type} rule beats a {@code
 * source} prefix rule (the longest prefix wins), which beats a {@code kind} rule, which beats the
 * default.
 *
 * <pre>{@code
 * CEH_ROUTES={"kinds":{"aws.sqs":"/orders"},
 *             "types":{"google.cloud.storage.object.v1.deleted":"/uploads/deleted"},
 *             "sources":{"arn:aws:s3:::invoices":"/invoices"}}
 * }</pre>
 *
 * @param byKind route per event kind ({@code aws.sqs})
 * @param byType route per CloudEvent type
 * @param bySourcePrefix route per CloudEvent source prefix
 */
public record RouteOverrides(
    Map<String, String> byKind, Map<String, String> byType, Map<String, String> bySourcePrefix) {

  /** No overrides. */
  public static final RouteOverrides NONE = new RouteOverrides(Map.of(), Map.of(), Map.of());

  /** Validates every route and copies. */
  public RouteOverrides {
    byKind = Map.copyOf(byKind);
    byType = Map.copyOf(byType);
    bySourcePrefix = Map.copyOf(bySourcePrefix);
    for (Map<String, String> m : List.of(byKind, byType, bySourcePrefix)) {
      m.values().forEach(RouteOverrides::checkRoute);
    }
  }

  /**
   * A route decision: the route and the rule that chose it.
   *
   * @param route the route, e.g. {@code /aws.sqs}
   * @param rule {@code default}, {@code kind <k>}, {@code type <t>} or {@code source <prefix>}
   */
  public record Decision(String route, String rule) {
    /** Validates. */
    public Decision {
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(rule, "rule");
    }
  }

  /** Chooses the route for a record of an event of the given kind. */
  public Decision resolve(String kind, EventRecord record) {
    CloudEvent ce = record.cloudEvent();
    if (ce != null) {
      String byT = byType.get(ce.getType());
      if (byT != null) {
        return new Decision(byT, "type " + ce.getType());
      }
      String source = ce.getSource().toString();
      String best = null;
      for (String prefix : bySourcePrefix.keySet()) { // per record: no stream
        if (source.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
          best = prefix;
        }
      }
      if (best != null) {
        return new Decision(bySourcePrefix.get(best), "source " + best);
      }
    }
    String byK = byKind.get(kind);
    if (byK != null) {
      return new Decision(byK, "kind " + kind);
    }
    return new Decision(record.route(), "default");
  }

  /**
   * Parses the JSON form.
   *
   * @throws ConfigurationException naming what is wrong
   */
  public static RouteOverrides parse(String json) {
    JsonObject o;
    try {
      o =
          StrictJson.parseObject(
              json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT, "CEH_ROUTES");
    } catch (BadEventException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    Map<String, String> kinds = Map.of();
    Map<String, String> types = Map.of();
    Map<String, String> sources = Map.of();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      switch (e.getKey()) {
        case "kinds" -> kinds = table(e.getValue(), "kinds");
        case "types" -> types = table(e.getValue(), "types");
        case "sources" -> sources = table(e.getValue(), "sources");
        default ->
            throw new ConfigurationException(
                "CEH_ROUTES: unknown key '" + e.getKey() + "' (known: kinds, types, sources)");
      }
    }
    return new RouteOverrides(kinds, types, sources);
  }

  private static Map<String, String> table(JsonElement v, String key) {
    if (!v.isJsonObject()) {
      throw new ConfigurationException("CEH_ROUTES: " + key + " must be an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
      if (!e.getValue().isJsonPrimitive() || !e.getValue().getAsJsonPrimitive().isString()) {
        throw new ConfigurationException(
            "CEH_ROUTES: " + key + "." + e.getKey() + " must be a string route");
      }
      out.put(e.getKey(), e.getValue().getAsString());
    }
    return out;
  }

  private static void checkRoute(String route) {
    try {
      RoutePaths.checkRoute(route);
    } catch (BadEventException e) {
      throw new ConfigurationException("CEH_ROUTES: " + e.getMessage(), e);
    }
  }
}
