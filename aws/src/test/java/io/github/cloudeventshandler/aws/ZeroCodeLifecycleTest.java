package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.DispatchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The zero-code handler can be closed, and a JVM that never closes it still exits. */
class ZeroCodeLifecycleTest {

  @Test
  void aMainThatReturnsWithoutClosingTheHandlerExitsOnItsOwn() throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    ZeroCodeMain.class.getName()))
            .redirectErrorStream(true);
    pb.environment().put("CEH_APPLICATION", EchoServlet.class.getName());
    Process p = pb.start();
    boolean exited = p.waitFor(90, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      p.destroyForcibly();
    }
    assertThat(exited).as("the JVM exits by itself; output:\n" + out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
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
