package io.github.cloudeventshandler.aws;

import io.github.cloudeventshandler.aws.internal.SnsHttpFlow;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.RecordOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNS deliveries to an HTTP(S) subscription, for any HTTP front door: {@link LambdaHandler} (SNS
 * subscribed to a function URL or an API Gateway / ALB route), the runner's {@code serve}, a
 * container ingress. The body and headers go in; the answer says what status to send back to SNS.
 *
 * <pre>{@code
 * SnsHttpEndpoint sns = SnsHttpEndpoint.create(pipeline);   // once; reads CEH_SNS_ALLOWED_TOPICS
 * if (SnsHttpEndpoint.isSnsDelivery(headers)) {
 *   SnsHttpAnswer a = sns.handle(body, headers, application, null, Duration.ofSeconds(10));
 *   respond(a.status(), a.response().bodyText());           // 2xx done, 5xx SNS retries, 4xx dropped
 * }
 * }</pre>
 *
 * <p>What happens, by message {@code Type} (details in {@code aws/README.md}, "SNS HTTP(S)
 * subscriptions"): every message is read as strict JSON, must agree with its {@code x-amz-sns-*}
 * headers, must be signed ({@code SignatureVersion} 1 or 2) with the certificate that the regional
 * SNS host ({@code https://sns.<region>.amazonaws.com}, {@code .com.cn} in China) serves, and must
 * be at most 65 minutes old. A {@code Notification} then reaches the application as {@code POST
 * /aws.sns} with the same CloudEvent and body as SNS → Lambda; a {@code SubscriptionConfirmation}
 * is confirmed (one GET of its {@code SubscribeURL}) only when its topic is in {@code
 * CEH_SNS_ALLOWED_TOPICS}; an {@code UnsubscribeConfirmation} is logged and nothing else. When that
 * setting lists topics, messages of other topics are refused (403).
 *
 * <p>Failure contract: never throws for what the request holds; every outcome is an answer. 401
 * when a signature, certificate or time stamp does not verify; 403 for a topic that is not allowed;
 * 400 for a malformed message; 413 over {@code CEH_MAX_BODY_BYTES}; 503 when the certificate or the
 * confirmation could not be fetched in time, or the application did not answer 2xx. Thread-safe;
 * build one per process (it caches certificates).
 */
public final class SnsHttpEndpoint {
  /** The setting naming the topic ARNs whose messages are accepted (comma-separated). */
  public static final String ALLOWED_TOPICS = SnsHttpFlow.ALLOWED_TOPICS;

  private static final Logger LOG = LoggerFactory.getLogger(SnsHttpEndpoint.class);

  private final SnsHttpFlow flow;

  SnsHttpEndpoint(SnsHttpFlow flow) {
    this.flow = Objects.requireNonNull(flow, "flow");
  }

  /**
   * An endpoint delivering through this pipeline (its routes, payload mode, request defaults and
   * limits), with the settings of the pipeline's configuration.
   */
  public static SnsHttpEndpoint create(EventPipeline pipeline) {
    return new SnsHttpEndpoint(new SnsHttpFlow(pipeline));
  }

  /** Whether a request claims to be an SNS delivery (it carries {@code x-amz-sns-message-type}). */
  public static boolean isSnsDelivery(Headers headers) {
    return SnsHttpFlow.isSnsDelivery(headers);
  }

  /**
   * Answers one SNS delivery.
   *
   * @param body the request body as received
   * @param headers the request headers
   * @param application where a verified notification goes
   * @param platformContext handed to the application as the platform context (nullable)
   * @param budget how long the downloads, the confirmation and the application may take in all
   */
  public SnsHttpAnswer handle(
      byte[] body,
      Headers headers,
      Application application,
      Object platformContext,
      Duration budget) {
    return flow.handle(body, headers, application, platformContext, budget);
  }

  /** Whether a classified HTTP proxy event (API Gateway, ALB, function URL) is an SNS delivery. */
  boolean claims(ClassifiedEvent event) {
    if (!event.isHttp() || event.records().size() != 1) {
      return false;
    }
    AppRequest request = event.records().get(0).httpRequest();
    return request.method().equals("POST") && isSnsDelivery(request.headers());
  }

  /**
   * Handles a proxied SNS delivery and gives the answer as the outcome of the proxy event's one
   * record, so the proxy reply shape (API Gateway, ALB, function URL) sends its status to SNS.
   */
  DispatchResult dispatchProxied(
      ClassifiedEvent event, Application application, Object platformContext, Duration budget) {
    EventRecord record = event.records().get(0);
    AppRequest request = record.httpRequest();
    SnsHttpAnswer answer =
        handle(request.body(), request.headers(), application, platformContext, budget);
    if (!answer.response().isSuccess()) {
      LOG.warn(
          "aws sns http {} {}: HTTP {}, {}",
          answer.messageType(),
          answer.messageId(),
          answer.status(),
          answer.outcome());
    }
    RecordOutcome outcome =
        answer.response().isSuccess()
            ? new RecordOutcome.Handled(record, answer.response())
            : new RecordOutcome.Failed(
                record,
                answer.response(),
                "sns http " + answer.messageId() + ": " + answer.outcome());
    return new DispatchResult(event, List.of(outcome));
  }
}
