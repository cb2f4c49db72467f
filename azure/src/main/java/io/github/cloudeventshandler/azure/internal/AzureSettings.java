package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.Configuration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Azure module's own {@code CEH_*} settings, each a comma-separated list.
 *
 * @param allowedSubscriptions {@code CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS}: Event Grid subscription
 *     names (compared ignoring case; Event Grid sends them upper-cased) whose validation handshake
 *     is answered and whose deliveries are accepted
 * @param allowedOrigins {@code CEH_WEBHOOK_ALLOWED_ORIGINS}: origins granted by the CloudEvents
 *     abuse-protection handshake ({@code *} grants any)
 * @param signature {@code CEH_WEBPUBSUB_KEYS}: the Web PubSub access keys
 */
public record AzureSettings(
    Set<String> allowedSubscriptions, Set<String> allowedOrigins, WebPubSubSignature signature) {

  /** Event Grid subscriptions whose handshake is answered. */
  public static final String EVENTGRID_ALLOWED_SUBSCRIPTIONS =
      "CEH_EVENTGRID_ALLOWED_SUBSCRIPTIONS";

  /** Origins granted by the OPTIONS handshake. */
  public static final String WEBHOOK_ALLOWED_ORIGINS = "CEH_WEBHOOK_ALLOWED_ORIGINS";

  /** Web PubSub access keys. */
  public static final String WEBPUBSUB_KEYS = "CEH_WEBPUBSUB_KEYS";

  /** Copies. */
  public AzureSettings {
    allowedSubscriptions = Set.copyOf(allowedSubscriptions);
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  /** Reads the settings. */
  public static AzureSettings from(Configuration c) {
    return new AzureSettings(
        lower(list(c, EVENTGRID_ALLOWED_SUBSCRIPTIONS)),
        lower(list(c, WEBHOOK_ALLOWED_ORIGINS)),
        WebPubSubSignature.of(list(c, WEBPUBSUB_KEYS)));
  }

  /** Whether a subscription name is allowed. */
  public boolean subscriptionAllowed(String name) {
    return allowedSubscriptions.contains(name.trim().toLowerCase(Locale.ROOT));
  }

  /** Whether an origin is granted. */
  public boolean originAllowed(String origin) {
    return allowedOrigins.contains("*")
        || allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT));
  }

  private static List<String> list(Configuration c, String name) {
    return c.setting(name)
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  private static Set<String> lower(List<String> values) {
    return values.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}
