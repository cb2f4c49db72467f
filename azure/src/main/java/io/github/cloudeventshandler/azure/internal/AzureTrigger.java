package io.github.cloudeventshandler.azure.internal;

/** The Azure Functions trigger an input came through, with the kind and route of its events. */
public enum AzureTrigger {
  /** {@code @EventGridTrigger}: one Event Grid or CloudEvents-schema event per invocation. */
  EVENT_GRID("eventgrid", null),
  /** {@code @QueueTrigger}. */
  STORAGE_QUEUE("azure.storage.queue", "azure.storage.queue.message"),
  /** {@code @ServiceBusQueueTrigger} and {@code @ServiceBusTopicTrigger}. */
  SERVICE_BUS("azure.servicebus", "azure.servicebus.message"),
  /** {@code @EventHubTrigger} with cardinality {@code MANY}. */
  EVENT_HUBS("azure.eventhubs", "azure.eventhubs.event"),
  /** {@code @BlobTrigger}. */
  BLOB("azure.storage.blob", "azure.storage.blob.written"),
  /** {@code @TimerTrigger}. */
  TIMER("azure.timer", "azure.timer.fired"),
  /** {@code @CosmosDBTrigger}. */
  COSMOS_DB("azure.cosmosdb", "azure.cosmosdb.document.changed");

  private final String kind;
  private final String eventType;

  AzureTrigger(String kind, String eventType) {
    this.kind = kind;
    this.eventType = eventType;
  }

  /** The event kind, e.g. {@code azure.storage.queue}. */
  public String kind() {
    return kind;
  }

  /** The default route: {@code /} + kind. */
  public String route() {
    return "/" + kind;
  }

  /** The CloudEvent {@code type} given to records of this trigger. */
  public String eventType() {
    return eventType;
  }
}
