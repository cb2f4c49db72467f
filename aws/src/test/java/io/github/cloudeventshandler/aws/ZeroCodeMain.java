package io.github.cloudeventshandler.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A plain {@code main} that uses the zero-code handler once and returns without closing anything;
 * run in a child JVM by {@link ZeroCodeLifecycleTest}, which expects the JVM to exit by itself.
 */
public final class ZeroCodeMain {
  private ZeroCodeMain() {}

  public static void main(String[] args) throws IOException {
    LambdaHandler handler = new LambdaHandler();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(Events.s3("a.txt").getBytes(StandardCharsets.UTF_8)), out, null);
    System.out.println("REPLY " + out.toString(StandardCharsets.UTF_8).length());
  }
}
