package io.github.cloudeventshandler.gcp;

import io.github.cloudeventshandler.core.ReplyContract;

/**
 * How the Functions Framework is answered for each kind of GCP delivery ({@code
 * docs/architecture.md}, "The reply contract"). The GCP classifiers put one of these on every
 * {@link io.github.cloudeventshandler.core.ClassifiedEvent}; the entry points turn the dispatch
 * result into the platform's answer accordingly.
 */
public enum GcpReply implements ReplyContract {
  /**
   * A CloudEvent (Eventarc, Cloud Functions gen2): handled only when the application answered 2xx.
   * {@link CloudEventsEntryPoint} throws otherwise so the platform retries; over HTTP ({@link
   * HttpEntryPoint}) the application's status, headers and body are passed back.
   */
  CLOUD_EVENT,
  /** A gen1 legacy background event: {@link BackgroundEntryPoint} throws on anything but 2xx. */
  BACKGROUND,
  /**
   * A Pub/Sub push request: 2xx from the application becomes {@code 204} (an ack); any failure
   * becomes {@code 503}, which Pub/Sub treats as a nack and redelivers.
   */
  PUSH,
  /** A plain HTTP request to the application's own routes: the response is passed back as it is. */
  HTTP
}
