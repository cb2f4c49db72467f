package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Inflates gzip data with a cap on the inflated size, so a small compressed payload cannot expand
 * into gigabytes (a "zip bomb"). Not part of the public API.
 */
final class BoundedGunzip {
  private BoundedGunzip() {}

  /**
   * Inflates {@code gzip}.
   *
   * @param maxBytes the largest inflated size accepted
   * @throws BadEventException {@link Problem#TOO_LARGE} past {@code maxBytes}; {@link
   *     Problem#INVALID_FIELD} when the data is not gzip or is truncated
   */
  public static byte[] inflate(byte[] gzip, int maxBytes, String where, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, gzip.length * 4 + 64));
    byte[] buf = new byte[8192];
    long total = 0;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new BadEventException(
              Problem.TOO_LARGE,
              "aws "
                  + where
                  + ": field \""
                  + name
                  + "\" inflates to more than the limit of "
                  + maxBytes
                  + " bytes");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "aws " + where + ": field \"" + name + "\" is not valid gzip data: " + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }
}
