package io.github.cloudeventshandler.core.classifier;

import java.util.List;
import java.util.Objects;

/**
 * What a classifier recognised: the kind of event, its records, how they are delivered and how the
 * platform expects to be answered.
 *
 * @param provider the provider the raw event came through ({@link RawEvent#provider()})
 * @param kind the event source, e.g. {@code aws.sqs}, {@code google.cloud.storage}, {@code
 *     cloudevents}
 * @param delivery how records are dispatched and how failures count
 * @param reply how the platform is answered
 * @param records at least one record, in the order the platform delivered them
 * @param whole the whole native event, sent as one request in whole-batch mode
 */
public record ClassifiedEvent(
    String provider,
    String kind,
    Delivery delivery,
    ReplyContract reply,
    List<EventRecord> records,
    Payload whole) {

  /** Validates and copies. */
  public ClassifiedEvent {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(reply, "reply");
    records = List.copyOf(records);
    Objects.requireNonNull(whole, "whole");
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a classified event has at least one record: " + kind);
    }
  }

  /** The default route of the first record. */
  public String route() {
    return records.get(0).route();
  }

  /** Whether this event is an HTTP request passed through to the application. */
  public boolean isHttp() {
    return records.get(0).httpRequest() != null;
  }
}
