package io.github.cloudeventshandler.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules of what claims a Google origin, one member each. */
class GoogleOriginTest {

  @Test
  void googleTypesInAnyLetterCase() {
    assertThat(GoogleOrigin.isGoogleType("google.cloud.storage.object.v1.finalized")).isTrue();
    assertThat(GoogleOrigin.isGoogleType("Google.Cloud.PubSub.topic.v1.messagePublished")).isTrue();
    assertThat(GoogleOrigin.isGoogleType(" google.x")).isTrue();
    assertThat(GoogleOrigin.isGoogleType("com.google.x")).isFalse();
    assertThat(GoogleOrigin.isGoogleType("googleapis.x")).isFalse();
  }

  @Test
  void googleSourcesByHost() {
    assertThat(GoogleOrigin.isGoogleSource("//storage.googleapis.com/projects/_/buckets/b"))
        .isTrue();
    assertThat(GoogleOrigin.isGoogleSource("https://PUBSUB.googleapis.com:443/projects/p"))
        .isTrue();
    assertThat(GoogleOrigin.isGoogleSource("//user@firebase.googleapis.com./x")).isTrue();
    assertThat(GoogleOrigin.isGoogleSource("//googleapis.com")).isTrue();
    // a publisher's own source: the route rule puts it under /unverified/, it claims nothing
    assertThat(GoogleOrigin.isGoogleSource("google.cloud.storage")).isFalse();
    assertThat(GoogleOrigin.isGoogleSource("/google.cloud.storage")).isFalse();
    assertThat(GoogleOrigin.isGoogleSource("//evilgoogleapis.com/x")).isFalse();
    assertThat(GoogleOrigin.isGoogleSource("//googleapis.com.evil.example/x")).isFalse();
    assertThat(GoogleOrigin.isGoogleSource("/orders?from=x.googleapis.com")).isFalse();
    assertThat(GoogleOrigin.isGoogleSource("urn:example:google.x")).isFalse();
  }

  @Test
  void pathsAreReadAsTheServletContainerReadsThem() {
    String[] google = {
      "/google.cloud.pubsub",
      "/GOOGLE.cloud.pubsub/x",
      "/google.cloud.pubsub;jsessionid=1",
      "/%67oogle.cloud.pubsub",
      "//google.cloud.pubsub",
      "/./google.cloud.pubsub",
      "/a/../google.cloud.pubsub",
      "/a/%2E%2E/google.cloud.pubsub",
    };
    for (String p : google) {
      assertThat(GoogleOrigin.isGooglePath(p, "")).as(p).isTrue();
    }
    String[] other = {"/", "/books", "/books/google.cloud.pubsub", "/googleplex", "/google"};
    for (String p : other) {
      assertThat(GoogleOrigin.isGooglePath(p, "")).as(p).isFalse();
    }
    assertThat(GoogleOrigin.isGooglePath("/events/google.cloud.pubsub", "/events")).isTrue();
    assertThat(GoogleOrigin.isGooglePath("/google.cloud.pubsub", "/events")).isFalse();
  }
}
