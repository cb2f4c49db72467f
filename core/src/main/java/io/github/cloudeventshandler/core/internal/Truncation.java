package io.github.cloudeventshandler.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one truncation rule for event-derived text that goes into a request line or a header (routes
 * and {@code ce-*} values): a percent-encoded value longer than its limit keeps its longest prefix
 * that ends on a whole character (never inside a {@code %XX} escape, never inside a UTF-8
 * sequence), then {@code ~} and the first {@value #HASH_HEX} hex digits of the SHA-256 of the whole
 * unencoded value. Two different long values therefore stay different after truncation (an
 * idempotency key built from a truncated {@code ce-id} does not merge two events), and the result
 * is still a well-formed percent-encoded UTF-8 string. Not part of the public API.
 *
 * <pre>{@code
 * Truncation.cut("a".repeat(5000), 100, "a".repeat(5000)); // 83 × "a" + "~" + 16 hex digits
 * }</pre>
 */
public final class Truncation {
  /** How many hex digits of the SHA-256 follow the {@code ~}. */
  public static final int HASH_HEX = 16;

  /** The length of the suffix: {@code ~} and the hex digits. */
  public static final int SUFFIX_LENGTH = HASH_HEX + 1;

  private Truncation() {}

  /**
   * The encoded value itself when it fits, else its truncation.
   *
   * @param encoded the percent-encoded value (ASCII)
   * @param max the most characters the result may have; more than {@link #SUFFIX_LENGTH}
   * @param whole the unencoded value the hash is taken of
   */
  public static String cut(String encoded, int max, String whole) {
    if (encoded.length() <= max) {
      return encoded;
    }
    if (max <= SUFFIX_LENGTH) {
      throw new IllegalArgumentException("limit too small for a truncation suffix: " + max);
    }
    int end = max - SUFFIX_LENGTH;
    // never split an escape: back off to the '%' when it is one or two characters before the end
    if (end >= 1 && encoded.charAt(end - 1) == '%') {
      end -= 1;
    } else if (end >= 2 && encoded.charAt(end - 2) == '%') {
      end -= 2;
    }
    // never split a UTF-8 sequence: back off while the character at end is a continuation byte
    while (isContinuationEscape(encoded, end)) {
      end -= 3;
    }
    return encoded.substring(0, end) + "~" + hash(whole);
  }

  /** The first {@value #HASH_HEX} lower-case hex digits of the SHA-256 of the value's UTF-8. */
  public static String hash(String whole) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    byte[] d = sha.digest(whole.getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder(HASH_HEX);
    for (int i = 0; i < HASH_HEX / 2; i++) {
      hex.append(Character.forDigit((d[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(d[i] & 0xF, 16));
    }
    return hex.toString();
  }

  /** Whether an escape of a UTF-8 continuation byte ({@code %80}..{@code %BF}) starts at i. */
  private static boolean isContinuationEscape(String s, int i) {
    if (i + 2 >= s.length() || s.charAt(i) != '%') {
      return false;
    }
    int high = Character.digit(s.charAt(i + 1), 16);
    return high >= 8 && high <= 0xB;
  }
}
