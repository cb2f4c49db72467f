package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * CloudEvent ids for AWS events that carry none of their own (Lex V1, Cognito triggers, the IoT
 * button, CloudFront events without {@code requestId}, RabbitMQ messages without {@code
 * messageId}). Not part of the public API.
 *
 * <p>An invocation-level id is the Lambda request id ({@code Context.getAwsRequestId()}): unique
 * per invocation and kept by Lambda across retries of the same asynchronous event. Without a Lambda
 * context (tests, the runner) and for records inside a batch, it is {@code sha256:} and the hex
 * SHA-256 of the content, so the same content always gets the same id.
 */
final class FallbackIds {
  private FallbackIds() {}

  /** The Lambda request id when the platform context is a Lambda context, else a digest. */
  public static String invocation(RawEvent raw) {
    if (raw.platformContext().orElse(null) instanceof Context c
        && c.getAwsRequestId() != null
        && !c.getAwsRequestId().isEmpty()) {
      return c.getAwsRequestId();
    }
    return digest(raw.body());
  }

  /** {@code sha256:} followed by the lower-case hex SHA-256 of the text as UTF-8. */
  public static String digest(String text) {
    return digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code sha256:} followed by the lower-case hex SHA-256 of the bytes. */
  public static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
