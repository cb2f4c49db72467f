package io.github.cloudeventshandler.testing.platform;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The AWS Lambda {@link Context} of one invocation, as the Lambda runtime hands it to a handler: a
 * request id, the function's names and ARN, the memory size, and the remaining time counted down
 * from the function's timeout from the moment the context is built (so a handler's time budget
 * works as on Lambda). Its logger keeps every line ({@link #logLines()}) and hands it to the sink
 * given to the builder, if any.
 *
 * <pre>{@code
 * Context context = LocalLambdaContext.builder().requestId("req-1").build();
 * handler.handleRequest(in, out, context);
 * }</pre>
 *
 * <p>Failure contract: the builder refuses null values and a timeout that is not positive with
 * {@link NullPointerException} or {@link IllegalArgumentException}; the context itself never
 * throws. Thread-safe.
 */
public final class LocalLambdaContext implements Context {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  private final String requestId;
  private final String functionName;
  private final String functionVersion;
  private final String region;
  private final String accountId;
  private final int memoryLimitMb;
  private final String xrayTraceId;
  private final String logStreamName;
  private final long deadline;
  private final boolean frozen;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Consumer<String> sink;

  private LocalLambdaContext(Builder b) {
    this.requestId = b.requestId != null ? b.requestId : UUID.randomUUID().toString();
    this.functionName = b.functionName;
    this.functionVersion = b.functionVersion;
    this.region = b.region;
    this.accountId = b.accountId;
    this.memoryLimitMb = b.memoryLimitMb;
    this.xrayTraceId = b.xrayTraceId;
    this.sink = b.sink;
    this.logStreamName =
        b.logStreamName != null
            ? b.logStreamName
            : LocalDate.now(ZoneOffset.UTC).format(DAY)
                + "/["
                + functionVersion
                + "]"
                + requestId.replace("-", "");
    this.frozen = b.frozen;
    this.deadline = frozen ? b.timeout.toNanos() : System.nanoTime() + b.timeout.toNanos();
  }

  /** A context with a fresh request id, function {@code local-function} and a 30 s timeout. */
  public static LocalLambdaContext create() {
    return builder().build();
  }

  /** A builder with the defaults of {@link #create()}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  /** Lambda's shape, {@code yyyy/MM/dd/[version]<id>}, unless the builder set one. */
  @Override
  public String getLogStreamName() {
    return logStreamName;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return functionVersion;
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
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
    long left = (frozen ? deadline : deadline - System.nanoTime()) / 1_000_000;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryLimitMb;
  }

  @Override
  public String getXrayTraceId() {
    return xrayTraceId;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        keep(message);
      }

      @Override
      public void log(byte[] message) {
        keep(new String(message, StandardCharsets.UTF_8));
      }
    };
  }

  private void keep(String line) {
    lines.add(line);
    if (sink != null) {
      sink.accept(line);
    }
  }

  /** What was written to {@link #getLogger()}, in order. */
  public List<String> logLines() {
    return List.copyOf(lines);
  }

  @Override
  public String toString() {
    return "LocalLambdaContext[" + requestId + ", " + getRemainingTimeInMillis() + " ms left]";
  }

  /** Builds a {@link LocalLambdaContext}; the clock starts at {@link #build()}. */
  public static final class Builder {
    private String requestId;
    private String functionName = "local-function";
    private String functionVersion = "$LATEST";
    private String region = "us-east-1";
    private String accountId = "123456789012";
    private int memoryLimitMb = 512;
    private String xrayTraceId;
    private Duration timeout = Duration.ofSeconds(30);
    private boolean frozen;
    private String logStreamName;
    private Consumer<String> sink;

    private Builder() {}

    /** The request id; default a random UUID. */
    public Builder requestId(String requestId) {
      this.requestId = Objects.requireNonNull(requestId, "requestId");
      return this;
    }

    /** The function name; default {@code local-function}. */
    public Builder functionName(String functionName) {
      this.functionName = Objects.requireNonNull(functionName, "functionName");
      return this;
    }

    /** The function version; default {@code $LATEST}. */
    public Builder functionVersion(String functionVersion) {
      this.functionVersion = Objects.requireNonNull(functionVersion, "functionVersion");
      return this;
    }

    /** The region in the function ARN; default {@code us-east-1}. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** The account in the function ARN; default {@code 123456789012}. */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** The memory size; default 512 MB. */
    public Builder memoryLimitMb(int memoryLimitMb) {
      if (memoryLimitMb < 128) {
        throw new IllegalArgumentException(
            "Lambda functions have at least 128 MB: " + memoryLimitMb);
      }
      this.memoryLimitMb = memoryLimitMb;
      return this;
    }

    /** The X-Ray trace header of the invocation; default none. */
    public Builder xrayTraceId(String xrayTraceId) {
      this.xrayTraceId = Objects.requireNonNull(xrayTraceId, "xrayTraceId");
      return this;
    }

    /** The function's timeout, counted down from {@link #build()}; default 30 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout);
      this.frozen = false;
      return this;
    }

    /**
     * A remaining time that does not count down (for tests that check what a handler makes of it);
     * replaces {@link #timeout(Duration)}.
     */
    public Builder frozenRemainingTime(Duration remaining) {
      this.timeout = positive(remaining);
      this.frozen = true;
      return this;
    }

    private static Duration positive(Duration d) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("the time must be positive: " + d);
      }
      return d;
    }

    /** The log stream name; default {@code <today>/[<version>]<request id without dashes>}. */
    public Builder logStreamName(String logStreamName) {
      this.logStreamName = Objects.requireNonNull(logStreamName, "logStreamName");
      return this;
    }

    /** Also hands every logged line to {@code sink} (the lines are kept either way). */
    public Builder logTo(Consumer<String> sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** The context; its remaining time starts now. */
    public LocalLambdaContext build() {
      return new LocalLambdaContext(this);
    }
  }
}
