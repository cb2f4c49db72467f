package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationUnverifiedTest {
  @Test
  void removesOnlyThePlatformEventAttributeAndKeepsTheRest() {
    List<AppRequest> seen = new ArrayList<>();
    Application app =
        Application.unverified(
            r -> {
              seen.add(r);
              return AppResponse.of(204);
            });
    AppRequest request =
        AppRequest.builder("POST", "/aws.s3")
            .query("a=1")
            .header("ce-id", "e-1")
            .body(new byte[] {1, 2})
            .attribute(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE)
            .attribute(RequestAttributes.KIND, "cloudevents")
            .timeout(java.time.Duration.ofSeconds(3))
            .build();

    assertThat(app.call(request).status()).isEqualTo(204);

    AppRequest sent = seen.get(0);
    assertThat(sent.attributes())
        .doesNotContainKey(RequestAttributes.PLATFORM_EVENT)
        .containsEntry(RequestAttributes.KIND, "cloudevents");
    assertThat(sent.target()).isEqualTo("/aws.s3?a=1");
    assertThat(sent.header("ce-id")).contains("e-1");
    assertThat(sent.body()).containsExactly(1, 2);
    assertThat(sent.timeout()).hasSeconds(3);
  }

  @Test
  void aRequestWithoutTheAttributeIsPassedAsItIs() {
    List<AppRequest> seen = new ArrayList<>();
    Application app =
        Application.unverified(
            r -> {
              seen.add(r);
              return AppResponse.of(200);
            });
    AppRequest request = AppRequest.builder("GET", "/books").build();
    app.call(request);
    assertThat(seen.get(0)).isSameAs(request);
  }
}
