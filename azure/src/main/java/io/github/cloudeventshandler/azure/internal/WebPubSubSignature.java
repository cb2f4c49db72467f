package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Web PubSub's {@code ce-signature}: {@code sha256=<hex>} values, comma-separated, one per
 * access key of the service, each {@code hex(HMAC-SHA256(key, ce-connectionId))}. The request is
 * accepted when any well-formed value matches any configured key; the comparison is {@link
 * MessageDigest#isEqual} over the 32 decoded bytes. Every value must be well-formed ({@code
 * sha256=} and 64 hex digits) and there may be at most {@value #MAX_VALUES}: a header that does not
 * look like what the service sends is rejected as a whole.
 */
public final class WebPubSubSignature {
  static final int MAX_VALUES = 8;
  private static final String PREFIX = "sha256=";

  private final List<byte[]> keys;

  private WebPubSubSignature(List<byte[]> keys) {
    this.keys = keys;
  }

  /** A verifier for these access keys (UTF-8 text, as the portal shows them). */
  public static WebPubSubSignature of(List<String> keys) {
    List<byte[]> k = new ArrayList<>();
    for (String key : keys) {
      if (!key.isBlank()) {
        k.add(key.trim().getBytes(StandardCharsets.UTF_8));
      }
    }
    return new WebPubSubSignature(List.copyOf(k));
  }

  /** Whether any key is configured. */
  public boolean hasKeys() {
    return !keys.isEmpty();
  }

  /**
   * Checks a request.
   *
   * @param connectionId the {@code ce-connectionId} header
   * @param signature the {@code ce-signature} header, or null when absent
   * @throws BadEventException {@link Problem#UNAUTHENTICATED} naming what was wrong
   */
  public void verify(String connectionId, String signature, String what) {
    if (signature == null || signature.isBlank()) {
      throw new BadEventException(
          Problem.UNAUTHENTICATED, what + ": header ce-signature is missing");
    }
    String[] values = signature.split(",", -1);
    if (values.length > MAX_VALUES) {
      throw new BadEventException(
          Problem.UNAUTHENTICATED,
          what + ": header ce-signature has " + values.length + " values, at most " + MAX_VALUES);
    }
    List<byte[]> candidates = new ArrayList<>(values.length);
    for (String v : values) {
      String t = v.trim();
      if (!t.startsWith(PREFIX) || t.length() != PREFIX.length() + 64) {
        throw new BadEventException(
            Problem.UNAUTHENTICATED,
            what + ": header ce-signature holds a value that is not sha256=<64 hex digits>");
      }
      byte[] b = hex(t.substring(PREFIX.length()));
      if (b == null) {
        throw new BadEventException(
            Problem.UNAUTHENTICATED,
            what + ": header ce-signature holds a value that is not sha256=<64 hex digits>");
      }
      candidates.add(b);
    }
    boolean ok = false;
    for (byte[] key : keys) {
      byte[] expected = hmac(key, connectionId);
      for (byte[] c : candidates) {
        ok |= MessageDigest.isEqual(expected, c);
      }
    }
    if (!ok) {
      throw new BadEventException(
          Problem.UNAUTHENTICATED,
          what + ": ce-signature matches none of the configured access keys");
    }
  }

  /** {@code sha256=<hex>} for one key, as the service computes it. */
  public static String sign(String key, String connectionId) {
    byte[] mac = hmac(key.getBytes(StandardCharsets.UTF_8), connectionId);
    StringBuilder sb = new StringBuilder(PREFIX);
    for (byte b : mac) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }

  private static byte[] hmac(byte[] key, String connectionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(connectionId.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi * 16 + lo);
    }
    return out;
  }
}
