package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through the real bridge: a proxied request Jetty refuses is the client's 400, never a retryable
 * failure, and never harms the next event; an exception in the application reaches the public
 * caller as a generic 500.
 */
class ProxyRefusalTest {
  private static ServletApplication app;
  private static LambdaHandler handler;

  @BeforeAll
  static void start() {
    Configuration c = Configuration.builder().build();
    app = ServletApplication.start(EchoServlet.class, c);
    handler = new LambdaHandler(c, app);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject invoke(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, Lambda.context());
    return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
  }

  private static String v2(String rawPath) {
    JsonObject e =
        JsonParser.parseString(ConformanceCorpus.get("aws/apigateway/http-api-v2").inputText())
            .getAsJsonObject();
    e.addProperty("rawPath", rawPath);
    e.getAsJsonObject("requestContext").getAsJsonObject("http").addProperty("path", rawPath);
    return e.toString();
  }

  @Test
  void anAmbiguousPathIsTheClientsBadRequestAndTheNextEventIsUnharmed() throws IOException {
    String bad = v2("/a%2Fb");
    String good = v2("/my/path");
    String s3 = Events.s3("a.txt");
    for (int i = 0; i < 300; i++) {
      JsonObject refused = invoke(bad);
      assertThat(refused.get("statusCode").getAsInt()).isEqualTo(400);
      assertThat(refused.get("body").getAsString()).contains("unsafe-path");
      assertThat(invoke(good).get("statusCode").getAsInt()).isEqualTo(200);
      assertThat(invoke(s3).get("statusCode").getAsInt()).isEqualTo(200);
    }
  }

  @Test
  void aHeaderSectionOverTheLimitIsA431ForTheClient() throws IOException {
    JsonObject e = JsonParser.parseString(v2("/my/path")).getAsJsonObject();
    e.getAsJsonObject("headers").addProperty("x-big", "x".repeat(70 * 1024));
    JsonObject reply = invoke(e.toString());
    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(431);
    assertThat(reply.get("body").getAsString()).contains("headers-too-large");
  }

  @Test
  void anExceptionInTheApplicationIsAGeneric500ForThePublicCaller() throws IOException {
    JsonObject reply = invoke(v2("/boom"));
    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(500);
    assertThat(reply.toString())
        .doesNotContain("hunter2")
        .doesNotContain("IllegalStateException")
        .doesNotContain("EchoServlet");
  }

  @Test
  void anEventWhoseRequestJettyRefusesIsABadEventNotARetry() {
    // an S3 event routed (CEH_ROUTES) to a path Jetty refuses: nothing the platform can retry fixes
    Configuration c = Configuration.builder().build();
    LambdaHandler routed =
        new LambdaHandler(c, request -> app.call(request.toBuilder().path("/x%2F..%2Fy").build()));
    assertThatThrownBy(
            () ->
                routed.handleRequest(
                    new ByteArrayInputStream(Events.s3("a.txt").getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(),
                    Lambda.context()))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("/x%2F..%2Fy");
  }
}
