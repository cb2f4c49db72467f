package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonElement;
import java.util.Map;

/**
 * The legacy → CloudEvent rules of one event family (protocols.md §3.4): which legacy event types
 * it owns, the service used when the resource names none, how the resource name splits into source
 * and subject, and how the data is reshaped.
 */
interface LegacyEventFamily {

  /** Legacy event type → CloudEvent type, for every type this family owns. */
  Map<String, String> types();

  /** The service of {@code //<service>/…} sources when the resource does not name one. */
  String defaultService();

  /**
   * The source path (after {@code //<service>/}) and the subject (null for none).
   *
   * @param event the legacy event
   */
  default String[] sourceAndSubject(LegacyEvent event) {
    return new String[] {event.resourceName(), null};
  }

  /** The CloudEvent data; the legacy data unchanged by default. */
  default JsonElement reshape(LegacyEvent event) {
    return event.data();
  }
}
