package io.github.cloudeventshandler.gcp.it;

import com.google.cloud.functions.Context;
import com.google.cloud.functions.RawBackgroundFunction;

/** Records the legacy event the invoker passed (JSON data and context) for the harness. */
public final class ProbeBackgroundFunction implements RawBackgroundFunction {
  @Override
  public void accept(String json, Context context) {
    Recorder.record(
        "legacy eventId="
            + context.eventId()
            + " eventType="
            + context.eventType()
            + " resource="
            + context.resource()
            + " data="
            + json.replaceAll("\\s+", ""));
  }
}
