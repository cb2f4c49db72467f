package io.github.cloudeventshandler.gcp.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.core.spi.JsonLimits;

/**
 * Turns a CloudEvent the platform already parsed (Functions Framework {@code CloudEventsFunction},
 * a converted legacy event) into the {@link RawEvent} of its HTTP binary-mode form, so that the
 * same classifiers read it as an Eventarc delivery over HTTP: {@code ce-*} headers
 * (percent-encoded), {@code Content-Type} = {@code datacontenttype}, body = data.
 */
public final class BinaryCloudEvents {
  private BinaryCloudEvents() {}

  /** The binary-mode raw event; no HTTP request line, so no plain-HTTP classifier claims it. */
  public static RawEvent toRawEvent(CloudEvent event, Object platformContext, JsonLimits limits) {
    Headers.Builder h = Headers.builder();
    CloudEventHeaders.writeWhole(event, h, RawEvent.GCP); // in-process: nothing is truncated
    if (event.getDataContentType() != null) {
      h.add("Content-Type", event.getDataContentType());
    }
    CloudEventData data = event.getData();
    byte[] body = data == null ? new byte[0] : data.toBytes();
    return RawEvent.builder(RawEvent.GCP, body)
        .headers(h.build())
        .platformContext(platformContext)
        .limits(limits)
        .build();
  }
}
