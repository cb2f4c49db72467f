package io.github.cloudeventshandler.testing;

/**
 * An event as Azure Functions hands it to a function: the bound values of a trigger (Event Grid,
 * Service Bus, Event Hubs) or an HTTP request (an Event Grid webhook delivery, a Web PubSub
 * upstream request). The kit's Azure builders ({@link EventGridEvents}, {@link ServiceBusEvents},
 * {@link EventHubsEvents}, {@link WebPubSubEvents}) make them; {@link
 * AzureInvoker#send(AzureEvent)} delivers each through the matching method of {@code
 * AzureEventHandler}.
 */
public abstract class AzureEvent {
  AzureEvent() {}

  abstract PlatformReply sendTo(AzureInvoker azure);
}
