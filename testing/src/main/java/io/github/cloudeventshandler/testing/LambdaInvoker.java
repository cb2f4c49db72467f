package io.github.cloudeventshandler.testing;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.cloudeventshandler.aws.LambdaHandler;
import io.github.cloudeventshandler.testing.platform.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Delivers events to the application through the real {@link LambdaHandler}, as the Lambda runtime
 * does: the payload bytes in, a fresh {@link LocalLambdaContext} (the configuration's timeout), and
 * the handler's result or exception back as a {@link PlatformReply}. Get it from {@link
 * LocalCloud#lambda()}.
 *
 * <pre>{@code
 * PlatformReply reply = cloud.lambda().send(SqsEvents.batch(SqsEvents.message("hello")));
 * assertThat(reply).succeeded();
 * }</pre>
 *
 * <p>Failure contract: never throws for what the handler or the application did — that is in the
 * reply; {@link IllegalStateException} when the cloud does not run. Thread-safe.
 */
public final class LambdaInvoker {
  private final LocalCloud cloud;

  LambdaInvoker(LocalCloud cloud) {
    this.cloud = cloud;
  }

  /** Delivers a built event. */
  public PlatformReply send(LambdaEvent event) {
    return send(Objects.requireNonNull(event, "event").toBytes());
  }

  /** Delivers a JSON payload as it is (a recorded event, say). */
  public PlatformReply send(String json) {
    return send(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /** Delivers payload bytes as they are. */
  public PlatformReply send(byte[] payload) {
    return send(
        payload,
        LocalLambdaContext.builder().timeout(cloud.running().configuration().timeout()).build());
  }

  /** Delivers payload bytes with this context (a request id or a remaining time of the test's). */
  public PlatformReply send(byte[] payload, Context context) {
    Objects.requireNonNull(payload, "payload");
    LocalCloud.Running run = cloud.running();
    LambdaHandler handler = handler(run);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExchangeRecorder.Outcome<Void> o =
        run.recorder()
            .record(
                () -> {
                  handler.handleRequest(new ByteArrayInputStream(payload), out, context);
                  return null;
                });
    return o.thrown() != null
        ? PlatformReply.thrown(PlatformReply.EntryPoint.LAMBDA, o.thrown(), o.exchanges())
        : PlatformReply.lambda(out.toByteArray(), o.exchanges());
  }

  /** The handler this invoker calls (made once per run of the cloud). */
  public LambdaHandler handler() {
    return handler(cloud.running());
  }

  private static LambdaHandler handler(LocalCloud.Running run) {
    return run.entryPoint(
        LambdaHandler.class, () -> new LambdaHandler(run.configuration(), run.recorder()));
  }
}
