package io.github.cloudeventshandler.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, ordered list of HTTP header fields with case-insensitive lookup. Names keep the
 * case they were added with; repeated names keep every value in order.
 *
 * <pre>{@code
 * Headers h = Headers.builder().add("Content-Type", "application/json").add("ce-id", "1").build();
 * h.first("content-type"); // Optional[application/json]
 * }</pre>
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(List.of());

  private final List<Map.Entry<String, String>> fields;

  private Headers(List<Map.Entry<String, String>> fields) {
    this.fields = fields;
  }

  /** No header fields. */
  public static Headers empty() {
    return EMPTY;
  }

  /** A builder starting empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** Copies a map of names to values (for example a platform's multi-value header map). */
  public static Headers of(Map<String, ? extends List<String>> multiValued) {
    Builder b = builder();
    multiValued.forEach((name, values) -> values.forEach(v -> b.add(name, v)));
    return b.build();
  }

  /**
   * Whether the text is a non-empty RFC 9110 {@code token}: what header field names and request
   * methods must be.
   */
  public static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || !TCHAR[c]) {
        return false;
      }
    }
    return true;
  }

  /** The RFC 9110 {@code tchar}s: letters, digits and {@code !#$%&'*+-.^_`|~}. */
  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  /** The first value of the named field, ignoring case. */
  public Optional<String> first(String name) {
    for (Map.Entry<String, String> f : fields) {
      if (f.getKey().equalsIgnoreCase(name)) {
        return Optional.of(f.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every value of the named field in order, ignoring case; empty if absent. */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>(2);
    for (Map.Entry<String, String> f : fields) {
      if (f.getKey().equalsIgnoreCase(name)) {
        values.add(f.getValue());
      }
    }
    return Collections.unmodifiableList(values);
  }

  /** Whether a field of that name is present, ignoring case. */
  public boolean contains(String name) {
    return first(name).isPresent();
  }

  /** The distinct field names in first-seen order (case as first added). */
  public Set<String> names() {
    Set<String> lower = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    for (Map.Entry<String, String> f : fields) {
      if (lower.add(f.getKey().toLowerCase(Locale.ROOT))) {
        names.add(f.getKey());
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /** Every field in order, as immutable entries. */
  public List<Map.Entry<String, String>> fields() {
    return fields;
  }

  /** Number of fields (a repeated name counts once per value). */
  public int size() {
    return fields.size();
  }

  /** A builder holding these fields, to add or replace some. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.fields.addAll(fields);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && h.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return fields.toString();
  }

  /** Builds {@link Headers}; not thread-safe. */
  public static final class Builder {
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    private Builder() {}

    /** Appends a field, keeping any earlier value of the same name. */
    public Builder add(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      fields.add(Map.entry(name, value));
      return this;
    }

    /** Removes every field of that name (ignoring case) and appends this one. */
    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    /** Removes every field of that name, ignoring case. */
    public Builder remove(String name) {
      fields.removeIf(f -> f.getKey().equalsIgnoreCase(name));
      return this;
    }

    /** Whether a field of that name was added, ignoring case. */
    public boolean contains(String name) {
      return fields.stream().anyMatch(f -> f.getKey().equalsIgnoreCase(name));
    }

    /** The immutable headers. */
    public Headers build() {
      return fields.isEmpty() ? EMPTY : new Headers(List.copyOf(fields));
    }
  }
}
