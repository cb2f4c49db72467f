package io.github.cloudeventshandler.gcp.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Legacy Firebase Realtime Database events: resource {@code projects/_/instances/<i>/refs/<path>} →
 * source {@code projects/_/locations/<location>/instances/<i>}, subject {@code refs/<path>}. The
 * location comes from the event's {@code domain}: {@code firebaseio.com} (or none) → {@code
 * us-central1}, otherwise its first label ({@code europe-west1.firebasedatabase.app}).
 */
final class FirebaseDatabaseLegacyEvents implements LegacyEventFamily {
  private static final Pattern RESOURCE =
      Pattern.compile("^projects/_/(instances/[^/]+)/((documents|refs)/.+)$", Pattern.DOTALL);
  private static final String DEFAULT_DOMAIN = "firebaseio.com";
  private static final String DEFAULT_LOCATION = "us-central1";

  @Override
  public Map<String, String> types() {
    return Map.of(
        "providers/google.firebase.database/eventTypes/ref.create",
            "google.firebase.database.ref.v1.created",
        "providers/google.firebase.database/eventTypes/ref.write",
            "google.firebase.database.ref.v1.written",
        "providers/google.firebase.database/eventTypes/ref.update",
            "google.firebase.database.ref.v1.updated",
        "providers/google.firebase.database/eventTypes/ref.delete",
            "google.firebase.database.ref.v1.deleted");
  }

  @Override
  public String defaultService() {
    return "firebasedatabase.googleapis.com";
  }

  @Override
  public String[] sourceAndSubject(LegacyEvent event) {
    Matcher m = RESOURCE.matcher(event.resourceName());
    if (!m.matches()) {
      return new String[] {event.resourceName(), null};
    }
    return new String[] {
      "projects/_/locations/" + location(event.domain()) + "/" + m.group(1), m.group(2)
    };
  }

  private static String location(String domain) {
    if (domain == null || domain.isBlank() || domain.equals(DEFAULT_DOMAIN)) {
      return DEFAULT_LOCATION;
    }
    int dot = domain.indexOf('.');
    return dot > 0 ? domain.substring(0, dot) : domain;
  }
}
