package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

/** Writes JSON trees compactly, keeping explicit nulls and without HTML escaping. */
final class JsonText {
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private JsonText() {}

  /** The compact JSON text of a tree. */
  static String write(JsonElement json) {
    return GSON.toJson(json);
  }
}
