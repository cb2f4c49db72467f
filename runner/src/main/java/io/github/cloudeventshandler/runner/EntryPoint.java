package io.github.cloudeventshandler.runner;

import java.util.Locale;
import java.util.Optional;

/**
 * The real entry points the runner drives, named as in the conformance corpus ({@code entryPoint}
 * of a sidecar). {@link #CLOUDEVENTS_HTTP} is no cloud's entry point: a CloudEvent over plain HTTP
 * goes through core's {@code EventPipeline} with provider {@code http}, as an HTTP ingress would.
 */
enum EntryPoint {
  /** {@code LambdaHandler.handleRequest}. */
  LAMBDA("aws", "lambda"),
  /** {@code CloudEventsEntryPoint.accept}. */
  GCP_CLOUDEVENTS("gcp", "cloudevents"),
  /** {@code BackgroundEntryPoint.accept}. */
  GCP_BACKGROUND("gcp", "background"),
  /** {@code HttpEntryPoint.service}. */
  GCP_HTTP("gcp", "http"),
  /** {@code AzureEventHandler.eventGrid}. */
  AZURE_EVENTGRID("azure", "eventgrid"),
  /** {@code AzureEventHandler.queue}. */
  AZURE_QUEUE("azure", "queue"),
  /** {@code AzureEventHandler.serviceBus}. */
  AZURE_SERVICEBUS("azure", "servicebus"),
  /** {@code AzureEventHandler.eventHubs}. */
  AZURE_EVENTHUBS("azure", "eventhubs"),
  /** {@code AzureEventHandler.blob}. */
  AZURE_BLOB("azure", "blob"),
  /** {@code AzureEventHandler.timer}. */
  AZURE_TIMER("azure", "timer"),
  /** {@code AzureEventHandler.cosmosDb}. */
  AZURE_COSMOSDB("azure", "cosmosdb"),
  /** {@code AzureEventHandler.httpBytes}. */
  AZURE_HTTP("azure", "http"),
  /** core's {@code EventPipeline} with provider {@code http}. */
  CLOUDEVENTS_HTTP("http", "cloudevents-http");

  private final String provider;
  private final String entry;

  EntryPoint(String provider, String entry) {
    this.provider = provider;
    this.entry = entry;
  }

  String provider() {
    return provider;
  }

  String entry() {
    return entry;
  }

  /** {@code aws/lambda}, {@code gcp/http}, ... */
  String label() {
    return provider + "/" + entry;
  }

  boolean isHttp() {
    return this == GCP_HTTP || this == AZURE_HTTP || this == CLOUDEVENTS_HTTP;
  }

  /** Every {@link #label()}, for messages. */
  static String labels() {
    StringBuilder sb = new StringBuilder();
    for (EntryPoint e : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(e.label());
    }
    return sb.toString();
  }

  /** By provider and corpus entry point name ({@code cloudevents-http} under any provider). */
  static Optional<EntryPoint> of(String provider, String entry) {
    String p = provider.toLowerCase(Locale.ROOT);
    String e = entry.toLowerCase(Locale.ROOT);
    if (e.equals("cloudevents-http")) {
      return Optional.of(CLOUDEVENTS_HTTP);
    }
    for (EntryPoint ep : values()) {
      if (ep.provider.equals(p) && ep.entry.equals(e)) {
        return Optional.of(ep);
      }
    }
    return Optional.empty();
  }
}
