package io.github.cloudeventshandler.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The cold-start floor for {@link ColdStart}: the least a Java stream handler can do — read the
 * event, answer {@code {}}. Whatever the runtime interface client and the JVM cost, this pays too.
 */
public final class EmptyStreamHandler implements RequestStreamHandler {
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    output.write(EMPTY);
  }
}
