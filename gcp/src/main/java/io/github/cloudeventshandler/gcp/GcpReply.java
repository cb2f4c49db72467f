package io.github.cloudeventshandler.gcp;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.classifier.ReplyContract;

/**
 * How the Functions Framework is answered for each kind of GCP delivery ({@code
 * docs/architecture.md}, "The reply contract"). The GCP classifiers put one of these on every
 * {@link io.github.cloudeventshandler.core.classifier.ClassifiedEvent}; the entry points turn the
 * dispatch result into the platform's answer accordingly.
 */
public enum GcpReply implements ReplyContract {
  /**
   * A CloudEvent (Eventarc, Cloud Functions gen2): handled only when the application answered 2xx.
   * {@link CloudEventsEntryPoint} throws otherwise so the platform retries; over HTTP ({@link
   * HttpEntryPoint}) the application's status, headers and body are passed back.
   */
  CLOUD_EVENT(AppRequest.DEFAULT_MAX_RESPONSE_BYTES),
  /** A gen1 legacy background event: {@link BackgroundEntryPoint} throws on anything but 2xx. */
  BACKGROUND(AppRequest.STATUS_ONLY),
  /**
   * A Pub/Sub push request: 2xx from the application becomes {@code 204} (an ack); any failure
   * becomes {@code 503}, which Pub/Sub treats as a nack and redelivers.
   */
  PUSH(AppRequest.STATUS_ONLY),
  /** A plain HTTP request to the application's own routes: the response is passed back as it is. */
  HTTP(AppRequest.DEFAULT_MAX_RESPONSE_BYTES);

  private final int maxResponseBytes;

  GcpReply(int maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /** Events and pushes are answered by status alone; HTTP answers carry the body (32 MiB). */
  @Override
  public int maxResponseBytes() {
    return maxResponseBytes;
  }
}
