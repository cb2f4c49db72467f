package io.github.cloudeventshandler.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Service Bus messages as the {@code @ServiceBusQueueTrigger} / {@code @ServiceBusTopicTrigger}
 * binds them (cardinality one), in the shape of the documentation-derived case of the corpus: the
 * message body and the {@code MessageId}, {@code DeliveryCount} and {@code EnqueuedTimeUtc}
 * metadata (and the {@code ApplicationProperties} when set), handed to {@code
 * AzureEventHandler.serviceBus} of the function {@code orders}.
 *
 * <pre>{@code
 * assertThat(azure.send(ServiceBusEvents.message("{\"invoice\":\"INV-7\"}"))).succeeded();
 * assertThat(azure.send(ServiceBusEvents.message("oops").deliveryCount(3))).failed();
 * }</pre>
 */
public final class ServiceBusEvents {
  private ServiceBusEvents() {}

  /** A message with this body, a fresh message id, delivered for the first time now. */
  public static ServiceBusMessage message(String body) {
    return new ServiceBusMessage(
        "orders",
        Objects.requireNonNull(body, "body"),
        Templates.uuid(),
        1,
        Templates.now(),
        Map.of());
  }

  /** One message. Immutable: every method returns a changed copy. */
  public static final class ServiceBusMessage extends AzureEvent {
    private final String functionName;
    private final String body;
    private final String messageId;
    private final long deliveryCount;
    private final Instant enqueuedTime;
    private final Map<String, Object> properties;

    ServiceBusMessage(
        String functionName,
        String body,
        String messageId,
        long deliveryCount,
        Instant enqueued,
        Map<String, Object> properties) {
      this.functionName = functionName;
      this.body = body;
      this.messageId = messageId;
      this.deliveryCount = deliveryCount;
      this.enqueuedTime = enqueued;
      this.properties = Map.copyOf(properties);
    }

    /** The function's name (the CloudEvent source is {@code urn:azure:functions:<name>}). */
    public ServiceBusMessage functionName(String functionName) {
      return new ServiceBusMessage(
          Objects.requireNonNull(functionName, "functionName"),
          body,
          messageId,
          deliveryCount,
          enqueuedTime,
          properties);
    }

    /** {@code MessageId} (the CloudEvent id). */
    public ServiceBusMessage messageId(String messageId) {
      return new ServiceBusMessage(
          functionName,
          body,
          Objects.requireNonNull(messageId, "messageId"),
          deliveryCount,
          enqueuedTime,
          properties);
    }

    /** {@code DeliveryCount}: more than 1 for a redelivery. */
    public ServiceBusMessage deliveryCount(long deliveryCount) {
      return new ServiceBusMessage(
          functionName, body, messageId, deliveryCount, enqueuedTime, properties);
    }

    /** {@code EnqueuedTimeUtc} (the CloudEvent time). */
    public ServiceBusMessage enqueuedAt(Instant time) {
      return new ServiceBusMessage(
          functionName,
          body,
          messageId,
          deliveryCount,
          Objects.requireNonNull(time, "time"),
          properties);
    }

    /**
     * An application property (the {@code ApplicationProperties} binding), e.g. {@code
     * Diagnostic-Id} or {@code traceparent}, which the Azure SDKs set to the sender's trace.
     */
    public ServiceBusMessage applicationProperty(String name, Object value) {
      Map<String, Object> p = new LinkedHashMap<>(properties);
      p.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return new ServiceBusMessage(functionName, body, messageId, deliveryCount, enqueuedTime, p);
    }

    /** The message id. */
    public String messageId() {
      return messageId;
    }

    @Override
    PlatformReply sendTo(AzureInvoker azure) {
      return azure.invoke(
          functionName,
          ctx ->
              azure
                  .handler()
                  .serviceBus(
                      body,
                      messageId,
                      deliveryCount,
                      enqueuedTime.toString(),
                      properties.isEmpty() ? null : properties,
                      ctx));
    }

    @Override
    public String toString() {
      return "ServiceBusMessage[" + messageId + ", " + body + "]";
    }
  }
}
