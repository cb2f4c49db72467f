package io.github.cloudeventshandler.gcp.internal;

import io.github.cloudeventshandler.core.spi.RoutePaths;
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
   * The kind of a Google type: its segments before the version segment, less the resource noun. A
   * type without a version segment keeps every segment but its last.
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
    return String.join(".", java.util.Arrays.copyOfRange(parts, 0, end));
  }

  /**
   * The default route of a Google type, e.g. {@code /google.cloud.storage}: the kind as one route
   * segment ({@link RoutePaths#segment}), so any type gives a route Jetty accepts. Google types
   * reach this rule only through the GCP entry points, where the platform delivered them, so the
   * route keeps its place in the reserved {@code /google.*} namespace.
   */
  public static String route(String type) {
    return "/" + RoutePaths.segment(kind(type));
  }
}
