package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.spi.EventField;
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
   * @param field the field the data came from, for messages
   * @throws BadEventException {@link Problem#TOO_LARGE} past {@code maxBytes}; {@link
   *     Problem#INVALID_FIELD} when the data is not gzip or is truncated
   */
  public static byte[] inflate(byte[] gzip, int maxBytes, EventField field) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, gzip.length * 4 + 64));
    byte[] buf = new byte[8192];
    long total = 0;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw field.problem(
              Problem.TOO_LARGE,
              "inflates to more than the limit of " + maxBytes + " bytes (CEH_MAX_BODY_BYTES)",
              null);
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw field.problem(Problem.INVALID_FIELD, "is not valid gzip data: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
