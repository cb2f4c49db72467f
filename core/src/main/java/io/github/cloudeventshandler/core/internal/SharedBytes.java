package io.github.cloudeventshandler.core.internal;

import io.github.cloudeventshandler.core.classifier.Payload;
import java.util.Objects;
import java.util.function.Function;

/**
 * Core's own access to a {@link Payload}'s bytes without a copy, across core's packages ({@code
 * Payload} lives in {@code core.classifier}, request building in {@code core.spi}). Public only
 * because Java has no package-group visibility; {@code core.internal} is used by no other module
 * ({@code ApiBoundariesTest}).
 */
public final class SharedBytes {
  private static volatile Function<Payload, byte[]> access;

  private SharedBytes() {}

  /** Called once, by {@link Payload}'s class initialiser. */
  public static void register(Function<Payload, byte[]> payloadBytes) {
    if (access != null) {
      throw new IllegalStateException("Payload's byte access is registered already");
    }
    access = Objects.requireNonNull(payloadBytes, "payloadBytes");
  }

  /**
   * The payload's own array: an {@code AppRequest} copies its body when it is built, so copying
   * here too would copy every record's payload twice. Never hand it to anything that could change
   * it. (A payload exists, so its class, and with it the registration, is initialised.)
   */
  public static byte[] of(Payload payload) {
    return access.apply(payload);
  }
}
