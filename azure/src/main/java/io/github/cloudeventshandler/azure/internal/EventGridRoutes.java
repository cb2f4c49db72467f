package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.RoutePaths;
import java.util.Locale;

/**
 * The Event Grid route rule ({@code docs/architecture.md}, "Routes"), the same for both schemas:
 * the event type without its last segment, lower-cased: {@code Microsoft.Storage.BlobCreated} →
 * {@code /microsoft.storage}. A type without a dot routes to itself, lower-cased.
 */
final class EventGridRoutes {
  private EventGridRoutes() {}

  static String route(String type, String what) {
    int dot = type.lastIndexOf('.');
    String head = dot > 0 ? type.substring(0, dot) : type;
    try {
      return "/" + RoutePaths.segment(head.toLowerCase(Locale.ROOT));
    } catch (BadEventException e) {
      throw new BadEventException(
          Problem.UNSAFE_PATH, what + ": event type '" + type + "' cannot become a route", e);
    }
  }
}
