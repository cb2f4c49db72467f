package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.Map;

/**
 * Legacy Firebase Authentication events: subject {@code users/<uid>}; in {@code metadata}, {@code
 * createdAt} → {@code createTime} and {@code lastSignedInAt} → {@code lastSignInTime}.
 */
final class FirebaseAuthLegacyEvents implements LegacyEventFamily {

  @Override
  public Map<String, String> types() {
    return Map.of(
        "providers/firebase.auth/eventTypes/user.create", "google.firebase.auth.user.v1.created",
        "providers/firebase.auth/eventTypes/user.delete", "google.firebase.auth.user.v1.deleted");
  }

  @Override
  public String defaultService() {
    return "firebaseauth.googleapis.com";
  }

  @Override
  public String[] sourceAndSubject(LegacyEvent event) {
    String subject = null;
    EventField data = event.field();
    if (data.isObject()) {
      subject = data.get("uid").optString().map(uid -> "users/" + uid).orElse(null);
    }
    return new String[] {event.resourceName(), subject};
  }

  @Override
  public JsonElement reshape(LegacyEvent event) {
    EventField field = event.field();
    if (!field.isObject()) {
      return event.data();
    }
    JsonObject data = field.jsonObject().deepCopy();
    if (data.get("metadata") instanceof JsonObject metadata) {
      rename(metadata, "createdAt", "createTime");
      rename(metadata, "lastSignedInAt", "lastSignInTime");
    }
    return data;
  }

  private static void rename(JsonObject o, String from, String to) {
    JsonElement v = o.remove(from);
    if (v != null) {
      o.add(to, v);
    }
  }
}
