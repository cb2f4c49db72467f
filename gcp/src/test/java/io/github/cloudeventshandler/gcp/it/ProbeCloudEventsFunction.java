package io.github.cloudeventshandler.gcp.it;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;

/** Records the CloudEvent the invoker built (binary or structured HTTP) for the harness. */
public final class ProbeCloudEventsFunction implements CloudEventsFunction {
  @Override
  public void accept(CloudEvent event) {
    String data =
        event.getData() == null
            ? ""
            : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    Recorder.record(
        "cloudevent id="
            + event.getId()
            + " type="
            + event.getType()
            + " source="
            + event.getSource()
            + " subject="
            + event.getSubject()
            + " datacontenttype="
            + event.getDataContentType()
            + " data="
            + data.replaceAll("\\s+", ""));
    if ("fail".equals(event.getSubject())) {
      throw new IllegalStateException("asked to fail");
    }
  }
}
