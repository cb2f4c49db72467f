package io.github.cloudeventshandler.gcp.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.RoutePaths;
import java.util.regex.Pattern;

/**
 * The route rule for Google CloudEvent types ({@code docs/architecture.md}, "Routes"): the type's
 * segments before the version segment, less the resource noun. {@code
 * google.cloud.storage.object.v1.finalized} → {@code /google.cloud.storage}; {@code
 * google.firebase.auth.user.v1.created} → {@code /google.firebase.auth}.
 */
public final class GoogleTypes {
  private static final Pattern VERSION = Pattern.compile("v\\d+(alpha\\d*|beta\\d*)?");

  private GoogleTypes() {}

  /** Whether a CloudEvent type is a Google type ({@code google.*}). */
  public static boolean isGoogle(String type) {
    return type.startsWith("google.") && type.length() > "google.".length();
  }

  /**
   * The kind (the route without its {@code /}) of a Google type. A type without a version segment
   * keeps every segment but its last.
   *
   * @throws BadEventException {@link Problem#UNSAFE_PATH} when the result is not a safe segment
   */
  public static String kind(String type) {
    String[] parts = type.split("\\.", -1);
    int version = -1;
    for (int i = 2; i < parts.length; i++) {
      if (VERSION.matcher(parts[i]).matches()) {
        version = i;
        break;
      }
    }
    int end = version > 0 ? version - 1 : parts.length - 1;
    if (end < 2) {
      end = Math.min(2, parts.length);
    }
    String kind = String.join(".", java.util.Arrays.copyOfRange(parts, 0, end));
    try {
      RoutePaths.segment(kind);
    } catch (BadEventException e) {
      throw new BadEventException(
          Problem.UNSAFE_PATH,
          "gcp CloudEvent type '" + type + "' cannot become a route: " + e.getMessage(),
          e);
    }
    return kind;
  }

  /** The default route of a Google type, e.g. {@code /google.cloud.storage}. */
  public static String route(String type) {
    return "/" + RoutePaths.segment(kind(type));
  }
}
