package io.github.cloudeventshandler.idempotency;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An RFC 6901 JSON pointer ({@code /Records/0/s3/object/key}, {@code ~1} = /, {@code ~0} = ~). */
final class JsonPointer {
  private final List<String> tokens;

  private JsonPointer(List<String> tokens) {
    this.tokens = tokens;
  }

  /**
   * Parses a pointer; it must start with {@code /} (the empty pointer, the whole document, is no
   * field).
   */
  static JsonPointer parse(String pointer) {
    if (pointer == null || !pointer.startsWith("/")) {
      throw new IllegalArgumentException(
          "a JSON pointer (RFC 6901) to a body field starts with '/': " + pointer);
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      if (raw.matches(".*~([^01]|$).*")) {
        throw new IllegalArgumentException(
            "'~' must be followed by 0 or 1 in a JSON pointer: " + pointer);
      }
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return new JsonPointer(List.copyOf(tokens));
  }

  /** The text of the string, number or boolean the pointer names, if there is one. */
  Optional<String> scalarText(JsonElement root) {
    JsonElement at = root;
    for (String token : tokens) {
      if (at instanceof JsonObject o) {
        at = o.get(token);
      } else if (at instanceof JsonArray a && token.matches("0|[1-9][0-9]{0,8}")) {
        int i = Integer.parseInt(token);
        at = i < a.size() ? a.get(i) : null;
      } else {
        return Optional.empty();
      }
      if (at == null) {
        return Optional.empty();
      }
    }
    return at instanceof JsonPrimitive p ? Optional.of(p.getAsString()) : Optional.empty();
  }
}
