package io.github.cloudeventshandler.testing;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * SNS notifications as Lambda receives them (one record), starting from the recorded notification
 * (aws-lambda-java-libs): a fresh {@code MessageId}, the topic's ARN, the subscription's ARN (the
 * topic's plus a subscription id), the message, the current time.
 *
 * <pre>{@code
 * lambda.send(SnsEvents.notification("arn:aws:sns:eu-west-1:123456789012:orders", "{\"id\":7}")
 *     .subject("order").attribute("tenant", "acme"));
 * }</pre>
 */
public final class SnsEvents {
  private SnsEvents() {}

  /** A notification of {@code message} on the topic {@code topicArn}. */
  public static SnsNotification notification(String topicArn, String message) {
    return new SnsNotification(Templates.firstRecord("aws/sns/sns-notification-java-libs"))
        .with(
            r -> {
              sns(r).add("MessageAttributes", new JsonObject());
              sns(r).remove("Subject");
            })
        .topicArn(topicArn)
        .message(message)
        .messageId(Templates.uuid())
        .timestamp(Templates.now());
  }

  private static JsonObject sns(JsonObject r) {
    return r.getAsJsonObject("Sns");
  }

  /** One notification. Immutable: every method returns a changed copy. */
  public static final class SnsNotification extends JsonValue<SnsNotification>
      implements LambdaEvent {
    SnsNotification(JsonObject record) {
      super(record);
    }

    @Override
    SnsNotification copy(JsonObject json) {
      return new SnsNotification(json);
    }

    /**
     * The topic ({@code Sns.TopicArn}) and the subscription on it ({@code EventSubscriptionArn}).
     */
    public SnsNotification topicArn(String topicArn) {
      Objects.requireNonNull(topicArn, "topicArn");
      return with(
          r -> {
            sns(r).addProperty("TopicArn", topicArn);
            r.addProperty("EventSubscriptionArn", topicArn + ":" + Templates.uuid());
          });
    }

    /** {@code EventSubscriptionArn} (the CloudEvent source). */
    public SnsNotification subscriptionArn(String subscriptionArn) {
      Objects.requireNonNull(subscriptionArn, "subscriptionArn");
      return with(r -> r.addProperty("EventSubscriptionArn", subscriptionArn));
    }

    /** {@code Sns.Message}. */
    public SnsNotification message(String message) {
      Objects.requireNonNull(message, "message");
      return with(r -> sns(r).addProperty("Message", message));
    }

    /** {@code Sns.Subject} (absent unless set). */
    public SnsNotification subject(String subject) {
      Objects.requireNonNull(subject, "subject");
      return with(r -> sns(r).addProperty("Subject", subject));
    }

    /** {@code Sns.MessageId} (the CloudEvent id). */
    public SnsNotification messageId(String messageId) {
      Objects.requireNonNull(messageId, "messageId");
      return with(r -> sns(r).addProperty("MessageId", messageId));
    }

    /** {@code Sns.Timestamp}. */
    public SnsNotification timestamp(Instant timestamp) {
      Objects.requireNonNull(timestamp, "timestamp");
      return with(r -> sns(r).addProperty("Timestamp", Templates.millis(timestamp)));
    }

    /** A {@code String} message attribute ({@code Sns.MessageAttributes.<name>}). */
    public SnsNotification attribute(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return with(
          r -> {
            JsonObject a = new JsonObject();
            a.addProperty("Type", "String");
            a.addProperty("Value", value);
            sns(r).getAsJsonObject("MessageAttributes").add(name, a);
          });
    }

    /** The message id. */
    public String messageId() {
      return sns(read()).get("MessageId").getAsString();
    }

    @Override
    public byte[] toBytes() {
      return records(List.of(this), r -> {});
    }

    @Override
    public String toString() {
      return toJson();
    }
  }
}
