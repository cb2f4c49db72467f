package io.github.cloudeventshandler.benchmarks.driver;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda {@code Context} the driver passes to both handlers: a fixed request id, the same time
 * left at every call (the budget never runs out in a benchmark), a 3,538 MB function, a logger that
 * drops what it is given.
 */
final class BenchContext implements Context {
  private final int remainingMillis;

  BenchContext(int remainingMillis) {
    this.remainingMillis = remainingMillis;
  }

  private static final LambdaLogger SILENT =
      new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
      };

  @Override
  public String getAwsRequestId() {
    return "bench-request-id";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/bench";
  }

  @Override
  public String getLogStreamName() {
    return "2026/01/01/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "bench";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:bench";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return remainingMillis;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 3538;
  }

  @Override
  public LambdaLogger getLogger() {
    return SILENT;
  }
}
