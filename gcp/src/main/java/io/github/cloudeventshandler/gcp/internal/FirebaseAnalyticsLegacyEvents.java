package io.github.cloudeventshandler.gcp.internal;

import java.util.Map;

/** Legacy Google Analytics for Firebase events ({@code event.log}). */
final class FirebaseAnalyticsLegacyEvents implements LegacyEventFamily {

  @Override
  public Map<String, String> types() {
    return Map.of(
        "providers/google.firebase.analytics/eventTypes/event.log",
        "google.firebase.analytics.log.v1.written");
  }

  @Override
  public String defaultService() {
    return "firebase.googleapis.com";
  }

  @Override
  public String[] sourceAndSubject(LegacyEvent event) {
    return FirestoreLegacyEvents.split(event);
  }
}
