package io.github.cloudeventshandler.runner;

import com.google.cloud.functions.Context;
import java.util.Map;

/**
 * The Functions Framework {@link Context} of a legacy (background) event, as the invoker builds it
 * from the event's {@code context}; {@link #domain()} mirrors the invoker's own (non-public) method
 * that {@code BackgroundEntryPoint} reads for Realtime Database events.
 */
final class LocalGcpContext implements Context {
  private final String eventId;
  private final String timestamp;
  private final String eventType;
  private final String resource;
  private final String domain;

  LocalGcpContext(
      String eventId, String timestamp, String eventType, String resource, String domain) {
    this.eventId = eventId;
    this.timestamp = timestamp;
    this.eventType = eventType;
    this.resource = resource;
    this.domain = domain;
  }

  @Override
  public String eventId() {
    return eventId;
  }

  @Override
  public String timestamp() {
    return timestamp;
  }

  @Override
  public String eventType() {
    return eventType;
  }

  @Override
  public String resource() {
    return resource;
  }

  @Override
  public Map<String, String> attributes() {
    return Map.of();
  }

  /** The Realtime Database domain, like the invoker's {@code CloudFunctionsContext.domain()}. */
  String domain() {
    return domain;
  }
}
