package io.github.cloudeventshandler.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A trivial stream handler for {@link LambdaRuntimeIT}: proves the runtime client, its native part
 * and the fake Runtime API work together, independent of our handler. It answers with what it saw
 * (request id, function ARN, remaining time, input length) and throws for an input of {@code
 * "fail"}.
 */
public class EchoStreamHandler implements RequestStreamHandler {
  /** Instantiated by the runtime client. */
  public EchoStreamHandler() {}

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] in = input.readAllBytes();
    if (new String(in, StandardCharsets.UTF_8).equals("\"fail\"")) {
      throw new IllegalStateException("asked to fail");
    }
    String reply =
        "{\"requestId\":\""
            + context.getAwsRequestId()
            + "\",\"functionArn\":\""
            + context.getInvokedFunctionArn()
            + "\",\"functionName\":\""
            + context.getFunctionName()
            + "\",\"remainingPositive\":"
            + (context.getRemainingTimeInMillis() > 0)
            + ",\"inputBytes\":"
            + in.length
            + "}";
    output.write(reply.getBytes(StandardCharsets.UTF_8));
  }
}
