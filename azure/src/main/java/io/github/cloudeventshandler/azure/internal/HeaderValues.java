package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.Headers;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Header values of the webhook protocols: the rule that a header a signature, handshake or route
 * depends on appears once ({@link #duplicated}). Their {@code ce-*} values are read by core's one
 * reader of binary-mode headers ({@code CloudEventHeaders.decodeString}).
 */
final class HeaderValues {
  private HeaderValues() {}

  /**
   * The first header name (lower-cased) among those {@code selected} (given lower-cased) that
   * appears more than once, in any letter case, or null. The Functions host hands over one value
   * per spelling, so {@code ce-connectionId} and {@code CE-CONNECTIONID} are two fields here:
   * checked against one and delivered with the other, they would let a request be verified for one
   * connection and routed as another.
   */
  static String duplicated(Headers headers, Predicate<String> selected) {
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> f : headers.fields()) {
      String name = f.getKey().toLowerCase(Locale.ROOT);
      if (selected.test(name) && !seen.add(name)) {
        return name;
      }
    }
    return null;
  }
}
