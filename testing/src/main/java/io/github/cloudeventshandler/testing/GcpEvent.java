package io.github.cloudeventshandler.testing;

/**
 * An event as Google Cloud hands it to a function: a CloudEvent ({@code CloudEventsEntryPoint}), a
 * legacy event ({@code BackgroundEntryPoint}) or an HTTP request ({@code HttpEntryPoint}, e.g. a
 * Pub/Sub push). The kit's GCP builders ({@link CloudStorageEvents}, {@link PubSubEvents}) make
 * them; {@link GcpInvoker#send(GcpEvent)} delivers each through its entry point.
 */
public abstract class GcpEvent {
  GcpEvent() {}

  abstract PlatformReply sendTo(GcpInvoker gcp);
}
