package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.util.Optional;

/**
 * The {@code Records[]} lists that SES, CodeCommit and their peers deliver, recognised by {@code
 * Records[0].eventSource} (DESIGN §6). Not part of the public API.
 */
public final class SourceRecords {
  private SourceRecords() {}

  /**
   * The records when {@code Records[0].eventSource} (or {@code EventSource}, as SNS spells it) is
   * {@code eventSource}; empty otherwise.
   */
  public static Optional<JsonArray> claim(JsonObject root, String eventSource) {
    JsonElement r = root.get("Records");
    if (r == null || !r.isJsonArray() || r.getAsJsonArray().isEmpty()) {
      return Optional.empty();
    }
    JsonElement first = r.getAsJsonArray().get(0);
    if (!first.isJsonObject() || !eventSource.equals(sourceOf(first.getAsJsonObject()))) {
      return Optional.empty();
    }
    return Optional.of(r.getAsJsonArray());
  }

  /**
   * Checks that every record is an object of the same event source.
   *
   * @throws BadEventException {@link Problem#INCONSISTENT} naming the first record that differs
   */
  public static void requireSameSource(JsonArray records, String eventSource, String kind) {
    for (int i = 1; i < records.size(); i++) {
      JsonElement e = records.get(i);
      String other = e.isJsonObject() ? sourceOf(e.getAsJsonObject()) : null;
      if (!eventSource.equals(other)) {
        throw new BadEventException(
            Problem.INCONSISTENT,
            "aws "
                + kind
                + ": Records["
                + i
                + "] has eventSource "
                + (other == null ? "(none)" : "'" + other + "'")
                + " but Records[0] has '"
                + eventSource
                + "'; one invocation never mixes event sources");
      }
    }
  }

  private static String sourceOf(JsonObject record) {
    for (String key : new String[] {"eventSource", "EventSource"}) {
      JsonElement s = record.get(key);
      if (s != null && s.isJsonPrimitive() && s.getAsJsonPrimitive().isString()) {
        return s.getAsString();
      }
    }
    return null;
  }
}
