package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;

/**
 * CloudEvents webhook abuse protection (used by Event Grid CloudEvents-schema subscriptions and by
 * Web PubSub): {@code OPTIONS} with {@code WebHook-Request-Origin}. An allowed origin ({@code
 * CEH_WEBHOOK_ALLOWED_ORIGINS}) gets {@code 200} with {@code WebHook-Allowed-Origin: <origin>},
 * {@code WebHook-Allowed-Rate: *} and {@code Allow: POST, OPTIONS}; any other origin gets {@code
 * 403} without either header. A {@code WebHook-Request-Rate} that is not a positive integer is a
 * bad request. Callbacks ({@code WebHook-Request-Callback}) are never fetched.
 */
final class WebhookPreflight {
  static final String ORIGIN = "WebHook-Request-Origin";

  private WebhookPreflight() {}

  static HttpOutcome answer(RawEvent raw, AzureSettings settings) {
    String origin =
        raw.header(ORIGIN)
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .orElseThrow(
                () ->
                    new BadEventException(
                        Problem.MISSING_FIELD,
                        "azure webhook preflight: OPTIONS without header " + ORIGIN));
    raw.header("WebHook-Request-Rate")
        .ifPresent(
            r -> {
              if (!r.trim().matches("[1-9][0-9]{0,8}")) {
                throw new BadEventException(
                    Problem.INVALID_FIELD,
                    "azure webhook preflight from "
                        + EventField.quote(origin)
                        + ": WebHook-Request-Rate "
                        + EventField.quote(r)
                        + " is not a positive integer");
              }
            });
    if (!settings.originAllowed(origin)) {
      // a refusal like any other: its message (quoting the origin) is one bounded line
      throw new BadEventException(
          Problem.FORBIDDEN,
          "azure webhook preflight: origin "
              + EventField.quote(origin)
              + " is not in "
              + AzureSettings.WEBHOOK_ALLOWED_ORIGINS);
    }
    return new HttpOutcome(
        new AppResponse(
            200,
            Headers.builder()
                .add("WebHook-Allowed-Origin", origin)
                .add("WebHook-Allowed-Rate", "*")
                .add("Allow", "POST, OPTIONS")
                .build(),
            new byte[0]),
        "webhook.preflight",
        "-",
        "granted origin " + origin);
  }
}
