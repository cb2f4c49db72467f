package io.github.cloudeventshandler.gcp.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Legacy Cloud Storage events: {@code google.storage.object.*} and {@code object.change}. */
final class StorageLegacyEvents implements LegacyEventFamily {
  private static final Pattern RESOURCE =
      Pattern.compile("^(projects/_/buckets/[^/]+)/(objects/.*?)(?:#\\d+)?$", Pattern.DOTALL);

  @Override
  public Map<String, String> types() {
    return Map.of(
        "google.storage.object.finalize", "google.cloud.storage.object.v1.finalized",
        "google.storage.object.delete", "google.cloud.storage.object.v1.deleted",
        "google.storage.object.archive", "google.cloud.storage.object.v1.archived",
        "google.storage.object.metadataUpdate", "google.cloud.storage.object.v1.metadataUpdated",
        "providers/cloud.storage/eventTypes/object.change",
            "google.cloud.storage.object.v1.changed");
  }

  @Override
  public String defaultService() {
    return "storage.googleapis.com";
  }

  @Override
  public String[] sourceAndSubject(LegacyEvent event) {
    Matcher m = RESOURCE.matcher(event.resourceName());
    if (m.matches()) {
      return new String[] {m.group(1), m.group(2)};
    }
    return new String[] {event.resourceName(), null};
  }
}
