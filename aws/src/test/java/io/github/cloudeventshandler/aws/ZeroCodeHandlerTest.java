package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The zero-code path: no-argument handler, {@code CEH_APPLICATION}, real Jetty in-process. */
class ZeroCodeHandlerTest {

  @Test
  void noArgumentHandlerStartsTheApplicationOnceAndDeliversTheEvent() throws IOException {
    System.setProperty("ceh.application", EchoServlet.class.getName());
    try {
      LambdaHandler first = new LambdaHandler();
      LambdaHandler second = new LambdaHandler();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      first.handleRequest(
          new ByteArrayInputStream(Events.s3("books%2Fa+b.pdf").getBytes(StandardCharsets.UTF_8)),
          out,
          Lambda.context());
      JsonObject reply =
          JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
      assertThat(reply.get("statusCode").getAsInt()).isEqualTo(200);
      JsonObject seen = JsonParser.parseString(reply.get("body").getAsString()).getAsJsonObject();
      assertThat(seen.get("method").getAsString()).isEqualTo("POST");
      assertThat(seen.get("uri").getAsString()).isEqualTo("/aws.s3");
      assertThat(seen.get("ceType").getAsString()).isEqualTo("com.amazonaws.s3.ObjectCreated:Put");
      assertThat(seen.get("requestId").getAsString()).isEqualTo("req-1");
      assertThat(seen.get("context").getAsBoolean()).isTrue();

      ByteArrayOutputStream out2 = new ByteArrayOutputStream();
      second.handleRequest(
          new ByteArrayInputStream(Events.sqs(2, false).getBytes(StandardCharsets.UTF_8)),
          out2,
          Lambda.context());
      assertThat(out2.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    } finally {
      System.clearProperty("ceh.application");
    }
  }
}
