package io.github.cloudeventshandler.core.classifier;

/** The provider-neutral reply contracts. */
public enum StandardReply implements ReplyContract {
  /**
   * An event: handled only when every record got a 2xx answer; otherwise the entry point signals
   * failure in its platform's way (throw, non-ack status) so the event is retried.
   */
  EVENT,
  /** An HTTP request: the application's response is passed back as it is. */
  HTTP
}
