package io.github.cloudeventshandler.azure;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.classifier.ReplyContract;

/**
 * How {@link AzureEventHandler} answers the Azure Functions host for each kind of event.
 *
 * <pre>{@code
 * if (event.reply() == AzureReply.EVENT_GRID_WEBHOOK) { ... }
 * }</pre>
 *
 * <p>Failure contract: on every contract a record counts as handled only when the application
 * answered 2xx; what "not handled" looks like to the platform is described per constant.
 */
public enum AzureReply implements ReplyContract {
  /**
   * A non-HTTP trigger (Event Grid, Storage Queue, Service Bus, Event Hubs, Blob, Timer, Cosmos
   * DB): the trigger method returns normally when every record was handled and throws otherwise, so
   * the host retries, abandons, dead-letters or moves the message to its poison queue.
   */
  TRIGGER(AppRequest.STATUS_ONLY),
  /**
   * An Event Grid webhook delivery over the HTTP trigger: all-or-nothing for the array; {@code 200}
   * when every event was handled, {@code 503} (Event Grid retries it) otherwise.
   */
  EVENT_GRID_WEBHOOK(AppRequest.STATUS_ONLY),
  /**
   * An Azure Web PubSub upstream request: the application's status, body, {@code Content-Type} and
   * (for blocking events) {@code ce-connectionState} go back to the service; a failure becomes the
   * application's 4xx, or 500.
   */
  WEB_PUBSUB(AppRequest.DEFAULT_MAX_RESPONSE_BYTES);

  private final int maxResponseBytes;

  AzureReply(int maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /** Triggers and webhook deliveries are answered by status alone; Web PubSub carries the body. */
  @Override
  public int maxResponseBytes() {
    return maxResponseBytes;
  }
}
