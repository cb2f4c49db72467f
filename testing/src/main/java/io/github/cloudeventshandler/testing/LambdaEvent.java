package io.github.cloudeventshandler.testing;

/**
 * An event as AWS Lambda hands it to a function: the JSON bytes of the invocation payload. Every
 * AWS builder of the kit ({@link S3Events}, {@link SqsEvents}, {@link SnsEvents}, {@link
 * KinesisEvents}, {@link DynamoDbEvents}, {@link EventBridgeEvents}, {@link ApiGatewayEvents})
 * makes one; {@link LambdaInvoker#send(LambdaEvent)} delivers it.
 */
public interface LambdaEvent {
  /** The invocation payload, UTF-8 JSON. */
  byte[] toBytes();

  /** The invocation payload as text. */
  default String toJson() {
    return new String(toBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
