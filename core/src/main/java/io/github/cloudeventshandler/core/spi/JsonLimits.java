package io.github.cloudeventshandler.core.spi;

/**
 * Limits applied before and while reading untrusted JSON.
 *
 * @param maxBytes the largest body accepted; checked before parsing
 * @param maxDepth the deepest nesting of arrays and objects accepted
 */
public record JsonLimits(int maxBytes, int maxDepth) {
  /** The deepest nesting that may be configured: gson's own default nesting limit. */
  public static final int MAX_DEPTH_LIMIT = 255;

  /** Lambda's synchronous invocation payload limit: 6 MB. */
  public static final int SIX_MB = 6 * 1024 * 1024;

  /** 6 MB and 64 levels: every recorded cloud event fits with room to spare. */
  public static final JsonLimits DEFAULT = new JsonLimits(SIX_MB, 64);

  /** Validates the limits. */
  public JsonLimits {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
      throw new IllegalArgumentException(
          "maxDepth must be within 1.." + MAX_DEPTH_LIMIT + ": " + maxDepth);
    }
  }
}
