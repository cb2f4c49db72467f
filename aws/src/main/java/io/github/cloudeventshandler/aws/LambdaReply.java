package io.github.cloudeventshandler.aws;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.classifier.ReplyContract;
import io.github.cloudeventshandler.core.spi.JsonLimits;

/**
 * How a Lambda invocation is answered for each AWS event source ({@code docs/architecture.md}, "The
 * reply contract"). Every AWS classifier puts one of these on its {@link
 * io.github.cloudeventshandler.core.classifier.ClassifiedEvent}; {@code LambdaHandler} turns the
 * dispatch result into the Lambda result accordingly.
 */
public enum LambdaReply implements ReplyContract {
  /**
   * Asynchronous sources (S3, SNS, EventBridge, IoT, SES, CodeCommit, Config, CloudWatch Logs, a
   * plain CloudEvent, ...): when every record got 2xx the result is {@code
   * {"statusCode":…,"headers":…,"body":…}} of the last response; otherwise the handler throws so
   * Lambda retries and then uses the on-failure destination.
   */
  ASYNC(JsonLimits.SIX_MB),
  /**
   * SQS, Kinesis and DynamoDB streams: {@code {"batchItemFailures":[{"itemIdentifier":…}]}} naming
   * every record that was not handled.
   */
  BATCH_ITEM_FAILURES(AppRequest.STATUS_ONLY),
  /**
   * Reply-bearing sources (Lex, Alexa, Cognito triggers, CloudFront Lambda@Edge, authorizers): the
   * application's JSON body is the Lambda result; non-2xx throws.
   */
  RESPONSE_BODY(JsonLimits.SIX_MB),
  /**
   * Kinesis Firehose transformation: one {@code recordId}/{@code result}/{@code data} per record.
   */
  FIREHOSE(JsonLimits.SIX_MB),
  /** CloudFormation custom resource: exactly one PUT to {@code ResponseURL}. */
  CLOUDFORMATION(JsonLimits.SIX_MB),
  /** API Gateway REST API (payload format 1.0) proxy response. */
  API_GATEWAY_V1(JsonLimits.SIX_MB),
  /** API Gateway HTTP API (payload format 2.0) and Lambda function URL response. */
  API_GATEWAY_V2(JsonLimits.SIX_MB),
  /**
   * Application Load Balancer target response (single- or multi-value headers); ALB accepts at most
   * 1 MB from a Lambda target.
   */
  ALB(1024 * 1024),
  /**
   * API Gateway WebSocket route (Lambda proxy integration): {@code statusCode} (for {@code
   * $connect}: accept or refuse the connection), {@code headers} ({@code Sec-WebSocket-Protocol}),
   * {@code body} (the frame sent back on a two-way route) and {@code isBase64Encoded}.
   */
  API_GATEWAY_WEBSOCKET(JsonLimits.SIX_MB);

  private final int maxResponseBytes;

  LambdaReply(int maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /**
   * What Lambda can return for this contract: a synchronous result is at most 6 MB (1 MB for ALB);
   * batch sources use only the status, so their answer's body is dropped.
   */
  @Override
  public int maxResponseBytes() {
    return maxResponseBytes;
  }
}
