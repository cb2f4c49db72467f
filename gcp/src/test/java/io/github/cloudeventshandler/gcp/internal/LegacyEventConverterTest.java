package io.github.cloudeventshandler.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyEventConverterTest {
  private static final ClassifierRegistry REGISTRY =
      ClassifierRegistry.load(LegacyEventConverterTest.class.getClassLoader());

  private static LegacyEvent event(String type, String resource, String data) {
    return new LegacyEvent(
        "id-1",
        "2020-09-29T11:32:00.123Z",
        type,
        null,
        resource,
        null,
        JsonParser.parseString(data));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "google.storage.object.delete|projects/_/buckets/bkt/objects/a/b.txt#1588778055917163|google.cloud.storage.object.v1.deleted|//storage.googleapis.com/projects/_/buckets/bkt|objects/a/b.txt|/google.cloud.storage",
        "providers/cloud.storage/eventTypes/object.change|projects/_/buckets/bkt/objects/x|google.cloud.storage.object.v1.changed|//storage.googleapis.com/projects/_/buckets/bkt|objects/x|/google.cloud.storage",
        "providers/cloud.firestore/eventTypes/document.create|projects/p/databases/(default)/documents/users/alice|google.cloud.firestore.document.v1.created|//firestore.googleapis.com/projects/p/databases/(default)|documents/users/alice|/google.cloud.firestore",
        "providers/cloud.firestore/eventTypes/document.delete|projects/p/databases/(default)/documents/u/a|google.cloud.firestore.document.v1.deleted|//firestore.googleapis.com/projects/p/databases/(default)|documents/u/a|/google.cloud.firestore",
        "providers/google.firebase.analytics/eventTypes/event.log|projects/p/events/purchase|google.firebase.analytics.log.v1.written|//firebase.googleapis.com/projects/p/events/purchase||/google.firebase.analytics",
        "providers/google.firebase.database/eventTypes/ref.create|projects/_/instances/inst/refs/a/b|google.firebase.database.ref.v1.created|//firebasedatabase.googleapis.com/projects/_/locations/us-central1/instances/inst|refs/a/b|/google.firebase.database",
        "providers/firebase.auth/eventTypes/user.delete|projects/p|google.firebase.auth.user.v1.deleted|//firebaseauth.googleapis.com/projects/p|users/u1|/google.firebase.auth",
        "google.pubsub.topic.publish|projects/p/topics/t|google.cloud.pubsub.topic.v1.messagePublished|//pubsub.googleapis.com/projects/p/topics/t||/google.cloud.pubsub",
      })
  void convertsAndRoutesEveryFamily(
      String legacyType,
      String resource,
      String type,
      String source,
      String subject,
      String route) {
    String data = legacyType.contains("pubsub") ? "{\"data\":\"aGk=\"}" : "{\"uid\":\"u1\"}";
    CloudEvent ce = LegacyEventConverter.convert(event(legacyType, resource, data));
    assertThat(ce.getType()).isEqualTo(type);
    assertThat(ce.getSource().toString()).isEqualTo(source);
    assertThat(ce.getSubject()).isEqualTo(subject);
    assertThat(ce.getId()).isEqualTo("id-1");
    ClassifiedEvent c =
        REGISTRY.classify(BinaryCloudEvents.toRawEvent(ce, null, JsonLimits.DEFAULT));
    assertThat(c.route()).isEqualTo(route);
  }

  @Test
  void pubSubDataGetsIdAndTimeAndIsWrapped() {
    CloudEvent ce =
        LegacyEventConverter.convert(
            event("google.pubsub.topic.publish", "projects/p/topics/t", "{\"data\":\"aGk=\"}"));
    assertThat(JsonParser.parseString(new String(ce.getData().toBytes())))
        .isEqualTo(
            JsonParser.parseString(
                "{\"message\":{\"data\":\"aGk=\",\"messageId\":\"id-1\","
                    + "\"publishTime\":\"2020-09-29T11:32:00.123Z\"}}"));
  }

  @Test
  void authMetadataIsRenamedAndRealtimeDatabaseLocationComesFromTheDomain() {
    CloudEvent auth =
        LegacyEventConverter.convert(
            event(
                "providers/firebase.auth/eventTypes/user.create",
                "projects/p",
                "{\"uid\":\"u\",\"metadata\":{\"createdAt\":\"t1\",\"lastSignedInAt\":\"t2\"}}"));
    assertThat(JsonParser.parseString(new String(auth.getData().toBytes())))
        .isEqualTo(
            JsonParser.parseString(
                "{\"uid\":\"u\",\"metadata\":{\"createTime\":\"t1\",\"lastSignInTime\":\"t2\"}}"));
    for (Map.Entry<String, String> e :
        Map.of(
                "asia-southeast1.firebasedatabase.app", "asia-southeast1",
                "firebaseio.com", "us-central1")
            .entrySet()) {
      CloudEvent db =
          LegacyEventConverter.convert(
              new LegacyEvent(
                  "i",
                  null,
                  "providers/google.firebase.database/eventTypes/ref.write",
                  null,
                  "projects/_/instances/x/refs/k",
                  e.getKey(),
                  JsonParser.parseString("{}")));
      assertThat(db.getSource().toString()).contains("/locations/" + e.getValue() + "/");
      assertThat(db.getTime()).isNull();
    }
    assertThat(List.of(auth.getSubject())).containsExactly("users/u");
  }
}
