package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.AppResponse;
import java.util.Objects;

/**
 * What the HTTP trigger answers, with what the invocation log line says about it.
 *
 * @param reply the status, headers and body for the Functions host
 * @param kind the event kind, or what the adapter handled itself ({@code eventgrid.validation},
 *     {@code webhook.preflight}, ...)
 * @param eventId the event id, or {@code -}
 * @param outcome {@code handled}, {@code failed: ...}, {@code rejected: ...}
 */
public record HttpOutcome(AppResponse reply, String kind, String eventId, String outcome) {
  /** Validates. */
  public HttpOutcome {
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(outcome, "outcome");
  }
}
