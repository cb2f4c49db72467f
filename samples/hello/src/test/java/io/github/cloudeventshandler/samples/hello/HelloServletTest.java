package io.github.cloudeventshandler.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HelloServlet on the real bridge (embedded Jetty, no port). */
class HelloServletTest {
  private static ServletApplication app;

  @BeforeAll
  static void start() {
    app = ServletApplication.start(HelloServlet.class, Configuration.builder().build());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void getRootSaysHello() {
    AppResponse r = app.call(AppRequest.builder("GET", "/").build());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("hello");
    assertThat(app.call(AppRequest.builder("GET", "/other").build()).status()).isEqualTo(404);
  }

  @Test
  void postAnswersASummary() {
    AppResponse r =
        app.call(
            AppRequest.builder("POST", "/aws.s3")
                .header("ce-type", "aws.s3.ObjectCreated:Put")
                .header("ce-id", "abc")
                .header("Content-Type", "application/json")
                .body("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))
                .build());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType())
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"path\":\"/aws.s3\",\"ce-type\":\"aws.s3.ObjectCreated:Put\",\"ce-id\":\"abc\","
                + "\"bodyLength\":14}");
  }

  @Test
  void aPathWithFailAnswers500() {
    AppResponse r = app.call(AppRequest.builder("POST", "/will-fail/now").build());
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).contains("\"path\":\"/will-fail/now\"");
  }
}
