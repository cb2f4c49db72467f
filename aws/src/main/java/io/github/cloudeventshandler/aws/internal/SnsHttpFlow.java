package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.SnsHttpAnswer;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.JsonBytes;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything done with one SNS HTTP(S) delivery, free of any front door's types: read the body
 * strictly, check it against its headers, the topic allow list ({@code CEH_SNS_ALLOWED_TOPICS}) and
 * the replay window, verify the signature with the certificate from the regional SNS host, then
 * deliver a notification to the application on {@code /aws.sns} as the same CloudEvent SNS → Lambda
 * gives ({@link SnsClassifier}), confirm a subscription of an allowed topic, or log an unsubscribe
 * confirmation. Nothing reaches the application before the signature verified. Exceptions never
 * escape: every outcome is a status. Thread-safe. Not part of the public API (see {@link
 * io.github.cloudeventshandler.aws.SnsHttpEndpoint}).
 */
public final class SnsHttpFlow {
  /** The setting naming the topic ARNs whose messages are accepted (comma-separated). */
  public static final String ALLOWED_TOPICS = "CEH_SNS_ALLOWED_TOPICS";

  /** The header SNS puts on every HTTP(S) delivery. */
  public static final String MESSAGE_TYPE_HEADER = "x-amz-sns-message-type";

  private static final Logger LOG = LoggerFactory.getLogger(SnsHttpFlow.class);
  private static final Pattern SUBSCRIPTION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final int MAX_CONFIRMATION_BYTES = 64 * 1024;

  private final EventPipeline pipeline;
  private final SnsTrust trust;
  private final SnsCertificates certificates;
  private final Set<String> allowedTopics;
  private final SnsClassifier classifier = new SnsClassifier();

  /** A flow with the production trust ({@link SnsTrust#aws()}). */
  public SnsHttpFlow(EventPipeline pipeline) {
    this(pipeline, SnsTrust.aws());
  }

  /** A flow with another trust: tests. */
  SnsHttpFlow(EventPipeline pipeline, SnsTrust trust) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.trust = Objects.requireNonNull(trust, "trust");
    this.certificates = new SnsCertificates(trust);
    this.allowedTopics =
        pipeline
            .configuration()
            .setting(ALLOWED_TOPICS)
            .map(
                v ->
                    Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
            .orElse(Set.of());
  }

  /** Whether a request carries SNS's message type header, i.e. claims to be an SNS delivery. */
  public static boolean isSnsDelivery(Headers headers) {
    return headers.first(MESSAGE_TYPE_HEADER).isPresent();
  }

  /**
   * Answers one delivery.
   *
   * @param body the request body as received
   * @param headers the request headers
   * @param app where a verified notification goes
   * @param platformContext handed to the application (may be null)
   * @param budget how long everything may take: downloads, the confirmation and the application
   */
  public SnsHttpAnswer handle(
      byte[] body, Headers headers, Application app, Object platformContext, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    String type = "-";
    String id = "-";
    try {
      JsonLimits limits = pipeline.configuration().limits();
      if (body.length > limits.maxBytes()) {
        throw new BadEventException(
            Problem.TOO_LARGE,
            "aws sns http message: the body is over the limit of "
                + limits.maxBytes()
                + " bytes (CEH_MAX_BODY_BYTES)");
      }
      if (headers
          .first("x-amz-sns-rawdelivery")
          .map(v -> v.trim().equalsIgnoreCase("true"))
          .orElse(false)) {
        throw new BadEventException(
            Problem.UNAUTHENTICATED,
            "aws sns http message: raw message delivery carries no signature, so it cannot be"
                + " verified; turn RawMessageDelivery off on the subscription");
      }
      SnsMessage m = SnsMessage.of(StrictJson.parse(body, limits, "aws sns http message"));
      type = m.type();
      id = m.messageId();
      checkHeaders(m, headers);
      SnsTrust.Region region = SnsTrust.region(m.topicArn());
      if (region == null) {
        throw new BadEventException(
            Problem.INVALID_FIELD,
            "aws sns http message "
                + id
                + ": TopicArn '"
                + m.topicArn()
                + "' is not an SNS topic ARN of the aws, aws-cn or aws-us-gov partition");
      }
      checkTopic(m);
      checkTimestamp(m);
      verify(m, region, deadline);
      return switch (type) {
        case SnsMessage.NOTIFICATION -> deliver(m, headers, app, platformContext, deadline);
        case SnsMessage.SUBSCRIPTION_CONFIRMATION -> confirm(m, region, deadline);
        default -> {
          LOG.warn(
              "aws sns http: UnsubscribeConfirmation {} for topic {} verified and logged; nothing"
                  + " was done (to subscribe again, GET its SubscribeURL yourself)",
              id,
              m.topicArn());
          yield answer(200, "unsubscribe confirmation logged", type, id, "unsubscribe-logged");
        }
      };
    } catch (Unavailable e) {
      return answer(503, e.getMessage() + "; deliver again", type, id, "failed: " + e.getMessage());
    } catch (BadEventException e) {
      return answer(
          e.problem().httpStatus(), e.getMessage(), type, id, "rejected: " + e.getMessage());
    } catch (ConfigurationException e) {
      return answer(500, e.getMessage(), type, id, "failed: " + e.getMessage());
    } catch (CloudEventsHandlerException e) {
      return answer(503, e.getMessage(), type, id, "failed: " + e.getMessage());
    }
  }

  /** The unsigned headers must agree with the signed body where both say something. */
  private static void checkHeaders(SnsMessage m, Headers headers) {
    same(m, headers, MESSAGE_TYPE_HEADER, m.type());
    same(m, headers, "x-amz-sns-message-id", m.messageId());
    same(m, headers, "x-amz-sns-topic-arn", m.topicArn());
  }

  private static void same(SnsMessage m, Headers headers, String header, String value) {
    String h = headers.first(header).orElse(null);
    if (h != null && !h.equals(value)) {
      throw new BadEventException(
          Problem.INCONSISTENT,
          "aws sns http message "
              + m.messageId()
              + ": header "
              + header
              + " '"
              + h
              + "' does not match the body's '"
              + value
              + "'");
    }
  }

  /**
   * A subscription is confirmed only for a listed topic; with a non-empty list, every other message
   * must come from a listed topic too. Checked before any download.
   */
  private void checkTopic(SnsMessage m) {
    boolean confirmation = m.type().equals(SnsMessage.SUBSCRIPTION_CONFIRMATION);
    if ((confirmation || !allowedTopics.isEmpty()) && !allowedTopics.contains(m.topicArn())) {
      if (confirmation) {
        LOG.warn(
            "aws sns http: refused to confirm a subscription to topic {} (message {}): it is not in"
                + " {}",
            m.topicArn(),
            m.messageId(),
            ALLOWED_TOPICS);
      }
      throw new BadEventException(
          Problem.FORBIDDEN,
          "aws sns http message "
              + m.messageId()
              + ": topic "
              + m.topicArn()
              + " is not in "
              + ALLOWED_TOPICS
              + (confirmation ? ", so its subscription is not confirmed" : ""));
    }
  }

  /**
   * {@code Timestamp} within {@link SnsTrust#MAX_AGE} before now and {@link SnsTrust#MAX_AHEAD}.
   */
  private void checkTimestamp(SnsMessage m) {
    Instant at;
    try {
      at = Instant.parse(m.field("Timestamp"));
    } catch (DateTimeParseException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          "aws sns http message "
              + m.messageId()
              + ": field \"Timestamp\" is not a time stamp: "
              + m.field("Timestamp"));
    }
    Instant now = trust.clock().instant();
    if (at.isBefore(now.minus(SnsTrust.MAX_AGE)) || at.isAfter(now.plus(SnsTrust.MAX_AHEAD))) {
      throw m.unauthenticated(
          "Timestamp "
              + m.field("Timestamp")
              + " is outside the replay window (at most "
              + SnsTrust.MAX_AGE.toSeconds()
              + " s old, "
              + SnsTrust.MAX_AHEAD.toSeconds()
              + " s ahead)");
    }
  }

  private void verify(SnsMessage m, SnsTrust.Region region, long deadline) throws Unavailable {
    String algorithm = m.algorithm();
    m.require("Signature");
    URI url = url(m, "SigningCertURL");
    String problem = trust.certificateUrlProblem(url, region);
    if (problem != null) {
      throw m.unauthenticated("SigningCertURL " + url + " " + problem);
    }
    X509Certificate cert;
    try {
      cert = certificates.get(url, SnsTrust.signerNames(region), left(deadline));
    } catch (SnsCertificates.Rejected e) {
      throw m.unauthenticated(e.getMessage());
    } catch (SnsCertificates.Unavailable e) {
      throw new Unavailable("the signing certificate could not be downloaded: " + e.getMessage());
    }
    m.verify(cert.getPublicKey());
    LOG.debug("aws sns http message {} verified ({})", m.messageId(), algorithm);
  }

  private static URI url(SnsMessage m, String field) {
    String value = m.require(field);
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw m.unauthenticated(field + " '" + value + "' is not a URL: " + e.getReason());
    }
  }

  private SnsHttpAnswer deliver(
      SnsMessage m, Headers headers, Application app, Object platformContext, long deadline) {
    JsonObject sns = new JsonObject();
    for (String name :
        new String[] {"Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp"}) {
      copy(m, sns, name, name);
    }
    copy(m, sns, "SignatureVersion", "SignatureVersion");
    copy(m, sns, "Signature", "Signature");
    copy(m, sns, "SigningCertURL", "SigningCertUrl");
    copy(m, sns, "UnsubscribeURL", "UnsubscribeUrl");
    JsonElement attributes = m.json().get("MessageAttributes");
    sns.add("MessageAttributes", attributes != null ? attributes.deepCopy() : new JsonObject());
    JsonObject record = new JsonObject();
    record.addProperty("EventSource", "aws:sns");
    record.addProperty("EventVersion", "1.0");
    String subscription = subscriptionArn(m, headers);
    if (subscription != null) {
      record.addProperty("EventSubscriptionArn", subscription);
    }
    record.add("Sns", sns);
    JsonArray records = new JsonArray();
    records.add(record);
    JsonObject lambdaShaped = new JsonObject();
    lambdaShaped.add("Records", records);
    RawEvent raw =
        RawEvent.builder(RawEvent.AWS, JsonBytes.of(lambdaShaped))
            .platformContext(platformContext)
            .limits(pipeline.configuration().limits())
            .build();
    ClassifiedEvent event = classifier.classify(raw).orElseThrow();
    DispatchResult result =
        pipeline.dispatch(
            event,
            app,
            platformContext,
            Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    if (result.allHandled()) {
      return new SnsHttpAnswer(text(200, "delivered"), m.type(), m.messageId(), "delivered", true);
    }
    String reason = result.firstFailureReason().orElse("-");
    return answer(
        503, "not handled, deliver again: " + reason, m.type(), m.messageId(), "failed: " + reason);
  }

  private static void copy(SnsMessage m, JsonObject to, String from, String as) {
    String v = m.field(from);
    if (v != null) {
      to.addProperty(as, v);
    }
  }

  /**
   * The subscription ARN header ({@code <TopicArn>:<subscription id>}), which the CloudEvent {@code
   * source} is made of as for SNS → Lambda; null when absent. It is not signed, so it must name a
   * subscription of the signed topic.
   */
  private static String subscriptionArn(SnsMessage m, Headers headers) {
    String arn = headers.first("x-amz-sns-subscription-arn").orElse(null);
    if (arn == null) {
      return null;
    }
    String prefix = m.topicArn() + ":";
    if (!arn.startsWith(prefix)
        || !SUBSCRIPTION_ID.matcher(arn.substring(prefix.length())).matches()) {
      throw new BadEventException(
          Problem.INCONSISTENT,
          "aws sns http message "
              + m.messageId()
              + ": header x-amz-sns-subscription-arn '"
              + arn
              + "' is not a subscription of topic "
              + m.topicArn());
    }
    return arn;
  }

  private SnsHttpAnswer confirm(SnsMessage m, SnsTrust.Region region, long deadline)
      throws Unavailable {
    URI url = url(m, "SubscribeURL");
    String problem = trust.subscribeUrlProblem(url, region);
    if (problem != null) {
      LOG.warn("aws sns http: refused to confirm via SubscribeURL {}: {}", url, problem);
      throw new BadEventException(
          Problem.FORBIDDEN,
          "aws sns http message " + m.messageId() + ": SubscribeURL " + problem + ", not fetched");
    }
    SnsCertificates.Fetched f;
    try {
      f = certificates.fetch(url, left(deadline), MAX_CONFIRMATION_BYTES);
    } catch (SnsCertificates.Unavailable e) {
      throw new Unavailable("the subscription could not be confirmed: " + e.getMessage());
    }
    if (f.status() < 200 || f.status() > 299) {
      throw new Unavailable(
          "the subscription could not be confirmed: SubscribeURL answered HTTP " + f.status());
    }
    LOG.info("aws sns http: confirmed the subscription to topic {}", m.topicArn());
    return answer(200, "subscription confirmed", m.type(), m.messageId(), "confirmed");
  }

  private static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private static SnsHttpAnswer answer(
      int status, String text, String type, String id, String outcome) {
    return new SnsHttpAnswer(text(status, text), type, id, outcome, false);
  }

  private static AppResponse text(int status, String text) {
    return AppResponse.of(status, "text/plain; charset=utf-8", text);
  }

  /** Something SNS should send again (a download or the confirmation did not complete). */
  private static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message, null, false, false);
    }
  }
}
