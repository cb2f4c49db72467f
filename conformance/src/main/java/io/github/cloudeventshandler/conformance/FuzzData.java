package io.github.cloudeventshandler.conformance;

import java.util.List;
import java.util.Objects;

/**
 * One fuzz input read front to back as a sequence of decisions: which seed, which mutation, which
 * value. The fuzzer mutates the bytes; the targets only ever read choices from them, so every
 * input, even an empty one, decodes to a valid run (reading past the end gives {@code 0}, {@code
 * false} and empty text). Not thread-safe; one per run.
 *
 * <pre>{@code
 * FuzzData d = new FuzzData(input);
 * FuzzCase.Seed seed = seeds.get(d.pick(seeds.size()));
 * String value = d.flag() ? FuzzMutations.hostileText(d) : d.text(64);
 * }</pre>
 */
public final class FuzzData {
  private final byte[] data;
  private int pos;

  /** Reads these bytes (not copied; the caller must not change them). */
  public FuzzData(byte[] data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  /** Whether every byte has been read. */
  public boolean exhausted() {
    return pos >= data.length;
  }

  /** The next byte as 0..255, or 0 past the end. */
  public int next() {
    return pos < data.length ? data[pos++] & 0xFF : 0;
  }

  /**
   * A number in {@code [0, n)}: one byte when {@code n <= 256}, two otherwise; {@code 0} without
   * reading anything when there is no choice ({@code n <= 1}).
   */
  public int pick(int n) {
    if (n <= 1) {
      return 0;
    }
    int v = n <= 256 ? next() : (next() << 8) | next();
    return v % n;
  }

  /** One of the options. */
  public <T> T oneOf(List<T> options) {
    return options.get(pick(options.size()));
  }

  /** A yes/no decision (the low bit of the next byte). */
  public boolean flag() {
    return (next() & 1) == 1;
  }

  /**
   * Text of at most {@code max} characters straight from the bytes: a length, then one character
   * per byte below {@code 0x80} and one UTF-16 unit per two bytes above (so control characters,
   * non-ASCII letters and lone surrogates all occur).
   */
  public String text(int max) {
    int length = pick(max + 1);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length && !exhausted(); i++) {
      int b = next();
      s.append(b < 0x80 ? (char) b : (char) (((b & 0x7F) << 8) | next()));
    }
    return s.toString();
  }

  /** At most {@code max} raw bytes. */
  public byte[] bytes(int max) {
    int length = Math.min(pick(max + 1), data.length - Math.min(pos, data.length));
    byte[] out = new byte[length];
    System.arraycopy(data, pos, out, 0, length);
    pos += length;
    return out;
  }
}
