package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.DispatchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The zero-code handler can be closed, and a JVM that never closes it still exits. */
class ZeroCodeLifecycleTest {

  @Test
  void aMainThatReturnsWithoutClosingTheHandlerExitsOnItsOwn() throws Exception {
    ChildJvm.Result r =
        ChildJvm.run(
            List.of(),
            ZeroCodeMain.class,
            List.of(),
            Map.of("CEH_APPLICATION", EchoServlet.class.getName()),
            Duration.ofSeconds(90));
    String out = r.output();
    assertThat(r.exited()).as("the JVM exits by itself; output:\n" + out).isTrue();
    assertThat(r.exitValue()).as(out).isZero();
    assertThat(out).contains("REPLY ");
  }

  @Test
  void aClosedHandlerRefusesNewEventsAndAFreshOneStartsAgain() throws Exception {
    System.setProperty("ceh.application", EchoServlet.class.getName());
    try {
      LambdaHandler handler = new LambdaHandler();
      byte[] event = Events.s3("a.txt").getBytes(StandardCharsets.UTF_8);
      handler.handleRequest(
          new ByteArrayInputStream(event), new ByteArrayOutputStream(), Lambda.context());
      handler.close();
      handler.close(); // idempotent
      assertThatThrownBy(
              () ->
                  handler.handleRequest(
                      new ByteArrayInputStream(event),
                      new ByteArrayOutputStream(),
                      Lambda.context()))
          .isInstanceOf(DispatchException.class)
          .hasMessageContaining("closed");

      try (LambdaHandler again = new LambdaHandler()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        again.handleRequest(new ByteArrayInputStream(event), out, Lambda.context());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"statusCode\":200");
      }
    } finally {
      System.clearProperty("ceh.application");
    }
  }
}
