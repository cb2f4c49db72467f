package io.github.cloudeventshandler.testing;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every JSON-shaped builder of the kit is: an immutable JSON object (never changed once made,
 * never handed out) and {@link #with(Consumer)}, which makes a changed copy.
 *
 * @param <T> the builder type
 */
abstract class JsonValue<T extends JsonValue<T>> {
  private final JsonObject json;

  JsonValue(JsonObject json) {
    this.json = json;
  }

  /** A builder of this type around {@code json}. */
  abstract T copy(JsonObject json);

  /** A copy changed by {@code change}. */
  final T with(Consumer<JsonObject> change) {
    JsonObject c = json.deepCopy();
    change.accept(c);
    return copy(c);
  }

  /** The JSON, for reading only. */
  final JsonObject read() {
    return json;
  }

  /** A copy of the JSON. */
  final JsonObject json() {
    return json.deepCopy();
  }

  /**
   * {@code {"Records":[…]}} of copies of these records, each changed by {@code perRecord} (the
   * batch's source ARN and region, say).
   */
  static byte[] records(List<? extends JsonValue<?>> records, Consumer<JsonObject> perRecord) {
    return Templates.bytes(
        Templates.records(
            records.stream()
                .map(
                    r -> {
                      JsonObject o = r.json();
                      perRecord.accept(o);
                      return o;
                    })
                .toList()));
  }

  @Override
  public String toString() {
    return Templates.GSON.toJson(json);
  }
}
