package io.github.cloudeventshandler.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.spi.RoutePaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoogleTypesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "google.cloud.storage.object.v1.finalized, /google.cloud.storage",
    "google.cloud.pubsub.topic.v1.messagePublished, /google.cloud.pubsub",
    "google.cloud.firestore.document.v1.written, /google.cloud.firestore",
    "google.cloud.firestore.document.v1.created.withAuthContext, /google.cloud.firestore",
    "google.cloud.audit.log.v1.written, /google.cloud.audit",
    "google.firebase.auth.user.v1.created, /google.firebase.auth",
    "google.firebase.database.ref.v1.deleted, /google.firebase.database",
    "google.firebase.remoteconfig.remoteConfig.v1.updated, /google.firebase.remoteconfig",
    "google.firebase.analytics.log.v1.written, /google.firebase.analytics",
    "google.cloud.scheduler.job.v1.executed, /google.cloud.scheduler",
    "google.cloud.cloudbuild.build.v1.statusChanged, /google.cloud.cloudbuild",
    "google.cloud.datastore.entity.v1beta1.written, /google.cloud.datastore",
    "google.example.thing, /google.example",
    "google.x, /google.x"
  })
  void routeIsTheTypeBeforeTheVersionLessTheResourceNoun(String type, String route) {
    assertThat(GoogleTypes.route(type)).isEqualTo(route);
    assertThat(GoogleTypes.kind(type)).isEqualTo(route.substring(1));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "google.cloud/../x.object.v1.done | /google.cloud_.._x",
        "google.a\\b.c.v1.d | /google.a_b",
        "google.a%2Fb.c.v1.d | /google.a_2Fb",
        "google.caf\u00e9.x.v1.y | /google.caf%C3%A9",
        "google.a;b.c.v1.d | /google.a%3Bb"
      })
  void anyTypeGivesARouteJettyAccepts(String type, String route) {
    assertThat(GoogleTypes.route(type)).isEqualTo(route);
    assertThat(RoutePaths.checkRoute(route)).isEqualTo(route);
  }
}
