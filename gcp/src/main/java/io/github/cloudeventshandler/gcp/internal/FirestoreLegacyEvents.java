package io.github.cloudeventshandler.gcp.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Legacy Cloud Firestore document events ({@code providers/cloud.firestore/…}). */
final class FirestoreLegacyEvents implements LegacyEventFamily {
  static final Pattern RESOURCE =
      Pattern.compile("^(projects/.+)/((documents|refs)/.+)$", Pattern.DOTALL);

  @Override
  public Map<String, String> types() {
    return Map.of(
        "providers/cloud.firestore/eventTypes/document.write",
            "google.cloud.firestore.document.v1.written",
        "providers/cloud.firestore/eventTypes/document.create",
            "google.cloud.firestore.document.v1.created",
        "providers/cloud.firestore/eventTypes/document.update",
            "google.cloud.firestore.document.v1.updated",
        "providers/cloud.firestore/eventTypes/document.delete",
            "google.cloud.firestore.document.v1.deleted");
  }

  @Override
  public String defaultService() {
    return "firestore.googleapis.com";
  }

  @Override
  public String[] sourceAndSubject(LegacyEvent event) {
    return split(event);
  }

  /** {@code projects/…/documents/x} → source {@code projects/…}, subject {@code documents/x}. */
  static String[] split(LegacyEvent event) {
    Matcher m = RESOURCE.matcher(event.resourceName());
    if (m.matches()) {
      return new String[] {m.group(1), m.group(2)};
    }
    return new String[] {event.resourceName(), null};
  }
}
