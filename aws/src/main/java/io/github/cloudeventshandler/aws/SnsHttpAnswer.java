package io.github.cloudeventshandler.aws;

import io.github.cloudeventshandler.core.AppResponse;
import java.util.Objects;

/**
 * What an HTTP front door answers SNS for one delivery to an HTTP(S) subscription ({@link
 * SnsHttpEndpoint}): a 2xx tells SNS the message is done, a 5xx makes SNS deliver it again, a 4xx
 * makes SNS drop it (or move it to the subscription's dead-letter queue).
 *
 * @param response the status, a {@code text/plain} reason and nothing else; send it as it is
 * @param messageType the message's {@code Type}, or {@code -} when it could not be read
 * @param messageId the message's {@code MessageId}, or {@code -}
 * @param outcome for the log line: {@code delivered}, {@code confirmed}, {@code
 *     unsubscribe-logged}, {@code rejected: …}, {@code failed: …}
 * @param delivered whether the message reached the application (and was handled)
 */
public record SnsHttpAnswer(
    AppResponse response, String messageType, String messageId, String outcome, boolean delivered) {

  /** Validates. */
  public SnsHttpAnswer {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** The HTTP status to answer SNS with. */
  public int status() {
    return response.status();
  }
}
