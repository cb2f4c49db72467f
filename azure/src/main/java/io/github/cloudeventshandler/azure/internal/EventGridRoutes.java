package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.spi.RoutePaths;

/**
 * The Event Grid route rule, the same for both schemas: the event type without its last segment,
 * with {@code A}–{@code Z} lower-cased and nothing else folded ({@link RoutePaths#lowerAscii}),
 * made a route by {@link RoutePaths#fromName}: {@code Microsoft.Storage.BlobCreated} → {@code
 * /microsoft.storage}. A type without a dot routes to itself.
 *
 * <p>Anyone who can publish to a custom topic chooses its event types, so the type alone proves
 * nothing. A route in a reserved namespace ({@code /microsoft.*}, {@code /azure.*}, {@code /aws.*},
 * {@code /google.*}) is kept only for a system event, whose topic (Event Grid schema {@code topic},
 * which Event Grid sets and publishers cannot write; CloudEvents schema {@code source}) is the
 * resource of the type's resource provider: {@code Microsoft.Storage.*} from {@code
 * …/providers/Microsoft.Storage/…}, {@code Microsoft.Resources.*} and the other subscription-wide
 * {@code Microsoft.*} events from {@code /subscriptions/…} or {@code …/resourceGroups/…} with no
 * provider, {@code Microsoft.EventGrid.*} only from an Event Grid namespace (MQTT events), never
 * from a topic, domain or partner topic. Any other event in a reserved namespace goes under {@code
 * /unverified} ({@link RoutePaths#publisherChosen}): a custom topic {@code
 * …/Microsoft.EventGrid/topics/orders} publishing {@code Microsoft.Storage.BlobCreated} → {@code
 * /unverified/microsoft.storage}. Comparisons ignore ASCII case only.
 */
final class EventGridRoutes {
  private EventGridRoutes() {}

  /**
   * The route of an event.
   *
   * @param type the event type ({@code eventType} or {@code type})
   * @param topic the topic ({@code topic}, or the CloudEvents schema {@code source}); null when the
   *     event has none
   */
  static String route(String type, String topic) {
    int dot = type.lastIndexOf('.');
    String head = dot > 0 ? type.substring(0, dot) : type;
    String route = RoutePaths.fromName(RoutePaths.lowerAscii(head));
    return isSystemEvent(type, topic) ? route : RoutePaths.publisherChosen(route);
  }

  /** Whether the topic is a resource of the provider that owns the type's namespace. */
  static boolean isSystemEvent(String type, String topic) {
    if (topic == null) {
      return false;
    }
    String[] t = type.split("\\.", -1);
    if (t.length < 3 || !lower(t[0]).equals("microsoft") || t[1].isEmpty()) {
      return false;
    }
    String namespace = lower(t[0] + "." + t[1]);
    String[] s = topic.split("/", -1);
    // "", "subscriptions", id [, "resourceGroups", rg] [, "providers", ns, type[, name, ...]]
    if (s.length < 3 || !s[0].isEmpty() || !lower(s[1]).equals("subscriptions") || s[2].isEmpty()) {
      return false;
    }
    int i = 3;
    if (s.length > i + 1 && lower(s[i]).equals("resourcegroups") && !s[i + 1].isEmpty()) {
      i += 2;
    }
    if (i == s.length) {
      // a subscription or resource group: only Azure itself publishes there
      return !namespace.equals("microsoft.eventgrid");
    }
    if (s.length < i + 3 || !lower(s[i]).equals("providers")) {
      return false;
    }
    String provider = lower(s[i + 1]);
    String resourceType = lower(s[i + 2]);
    if (!provider.equals(namespace)) {
      return false;
    }
    if (provider.equals("microsoft.eventgrid")) {
      // topics, domains, partner topics and namespace topics carry what publishers send
      for (int j = i + 2; j < s.length; j += 2) {
        if (!lower(s[j]).equals("namespaces")) {
          return false;
        }
      }
      return resourceType.equals("namespaces");
    }
    return true;
  }

  private static String lower(String s) {
    return RoutePaths.lowerAscii(s);
  }
}
