package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.classifier.Payload;

/**
 * The native payload of one record ({@code docs/architecture.md}, "The request contract"): the
 * whole event with its record list narrowed to that record, every other top-level field kept. Not
 * part of the public API.
 */
final class NarrowedJson {
  private NarrowedJson() {}

  /** {@code root} with array field {@code name} replaced by {@code [record]}. */
  public static Payload array(JsonObject root, String name, JsonElement record) {
    JsonObject copy = shallowCopy(root);
    JsonArray one = new JsonArray(1);
    one.add(record);
    copy.add(name, one);
    return Payload.json(copy);
  }

  /** {@code root} with map field {@code name} replaced by {@code {key: [record]}}. */
  public static Payload mapEntry(JsonObject root, String name, String key, JsonElement record) {
    JsonObject copy = shallowCopy(root);
    JsonArray one = new JsonArray(1);
    one.add(record);
    JsonObject map = new JsonObject();
    map.add(key, one);
    copy.add(name, map);
    return Payload.json(copy);
  }

  /** A JSON payload of one element. */
  public static Payload of(JsonElement e) {
    return Payload.json(e);
  }

  private static JsonObject shallowCopy(JsonObject root) {
    JsonObject copy = new JsonObject();
    for (var e : root.entrySet()) {
      copy.add(e.getKey(), e.getValue());
    }
    return copy;
  }
}
