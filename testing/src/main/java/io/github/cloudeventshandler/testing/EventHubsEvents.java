package io.github.cloudeventshandler.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Event Hubs batches as the {@code @EventHubTrigger} (cardinality many, the default) binds them, in
 * the shape of the documentation-derived case of the corpus: the events and, for each, the {@code
 * SystemPropertiesArray} entry ({@code SequenceNumber}, {@code Offset}, {@code PartitionKey},
 * {@code EnqueuedTimeUtc}), handed to {@code AzureEventHandler.eventHubs} of the function {@code
 * telemetry}.
 *
 * <pre>{@code
 * azure.send(EventHubsEvents.batch(EventHubsEvents.event("{\"t\":21.5}"), EventHubsEvents.event("{\"t\":21.7}")));
 * }</pre>
 */
public final class EventHubsEvents {
  private EventHubsEvents() {}

  /** An event with this body, the next sequence number, partition key {@code device-1}, now. */
  public static EventHubsEvent event(String body) {
    long sequence = Templates.nextSequence();
    return new EventHubsEvent(
        Objects.requireNonNull(body, "body"),
        sequence,
        String.valueOf(sequence * 100),
        "device-1",
        Templates.now());
  }

  /** A batch of these events, for the function {@code telemetry}. */
  public static EventHubsBatch batch(EventHubsEvent... events) {
    return new EventHubsBatch(List.of(events), "telemetry");
  }

  /**
   * One event and its system properties. Immutable: every method returns a changed copy.
   *
   * @param body the event body
   * @param sequenceNumber {@code SequenceNumber} (the CloudEvent id)
   * @param offset {@code Offset}
   * @param partitionKey {@code PartitionKey} (the CloudEvent subject)
   * @param enqueuedTime {@code EnqueuedTimeUtc} (the CloudEvent time)
   */
  public record EventHubsEvent(
      String body, long sequenceNumber, String offset, String partitionKey, Instant enqueuedTime) {
    /** Validates. */
    public EventHubsEvent {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(offset, "offset");
      Objects.requireNonNull(partitionKey, "partitionKey");
      Objects.requireNonNull(enqueuedTime, "enqueuedTime");
    }

    /** With this {@code SequenceNumber}. */
    public EventHubsEvent sequenceNumber(long sequenceNumber) {
      return new EventHubsEvent(body, sequenceNumber, offset, partitionKey, enqueuedTime);
    }

    /** With this {@code Offset}. */
    public EventHubsEvent offset(String offset) {
      return new EventHubsEvent(body, sequenceNumber, offset, partitionKey, enqueuedTime);
    }

    /** With this {@code PartitionKey}. */
    public EventHubsEvent partitionKey(String partitionKey) {
      return new EventHubsEvent(body, sequenceNumber, offset, partitionKey, enqueuedTime);
    }

    /** With this {@code EnqueuedTimeUtc}. */
    public EventHubsEvent enqueuedAt(Instant time) {
      return new EventHubsEvent(body, sequenceNumber, offset, partitionKey, time);
    }

    Map<String, Object> systemProperties() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("SequenceNumber", sequenceNumber);
      m.put("Offset", offset);
      m.put("PartitionKey", partitionKey);
      m.put("EnqueuedTimeUtc", enqueuedTime.toString());
      return m;
    }
  }

  /** The events of one invocation. Immutable: every method returns a changed copy. */
  public static final class EventHubsBatch extends AzureEvent {
    private final List<EventHubsEvent> events;
    private final String functionName;

    EventHubsBatch(List<EventHubsEvent> events, String functionName) {
      if (events.isEmpty()) {
        throw new IllegalArgumentException("the trigger is never called with no events");
      }
      this.events = List.copyOf(events);
      this.functionName = Objects.requireNonNull(functionName, "functionName");
    }

    /** The function's name (the CloudEvent source is {@code urn:azure:functions:<name>}). */
    public EventHubsBatch functionName(String functionName) {
      return new EventHubsBatch(events, functionName);
    }

    /** The events. */
    public List<EventHubsEvent> events() {
      return events;
    }

    @Override
    PlatformReply sendTo(AzureInvoker azure) {
      List<String> bodies = new ArrayList<>();
      List<Map<String, Object>> properties = new ArrayList<>();
      for (EventHubsEvent e : events) {
        bodies.add(e.body());
        properties.add(e.systemProperties());
      }
      return azure.invoke(functionName, ctx -> azure.handler().eventHubs(bodies, properties, ctx));
    }

    @Override
    public String toString() {
      return "EventHubsBatch" + events;
    }
  }
}
