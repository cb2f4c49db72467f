package io.github.cloudeventshandler.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * SQS batches as Lambda receives them, standard and FIFO, starting from the recorded {@code
 * receive-message} event: each message has its {@code messageId}, its {@code body} and the {@code
 * md5OfBody} SQS computes for it, the send and receive timestamps; a FIFO batch's queue ARN ends in
 * {@code .fifo} and its messages carry {@code MessageGroupId}, {@code MessageDeduplicationId}
 * (content-based: SHA-256 of the body) and increasing {@code SequenceNumber}s.
 *
 * <pre>{@code
 * SqsEvents.SqsMessage ok = SqsEvents.message("{\"order\":1}");
 * SqsEvents.SqsMessage bad = SqsEvents.message("{\"order\":-1}");
 * assertThat(lambda.send(SqsEvents.batch(ok, bad))).batchItemFailures().containsExactly(bad.messageId());
 * }</pre>
 */
public final class SqsEvents {
  private static final String TEMPLATE = "aws/sqs/sqs-receive-message-sam";

  private SqsEvents() {}

  /** A message with this body, a fresh message id, sent and received now. */
  public static SqsMessage message(String body) {
    return new SqsMessage(Templates.firstRecord(TEMPLATE))
        .messageId(Templates.uuid())
        .body(body)
        .sentAt(Templates.now())
        .with(r -> r.addProperty("receiptHandle", Templates.base64(Templates.hex(48))));
  }

  /** A batch from the standard queue {@code arn:aws:sqs:us-east-1:123456789012:MyQueue}. */
  public static SqsBatch batch(SqsMessage... messages) {
    return new SqsBatch(List.of(messages), "arn:aws:sqs:us-east-1:123456789012:MyQueue", null);
  }

  /**
   * A batch from the FIFO queue {@code …:MyQueue.fifo}, every message in {@code messageGroupId}.
   */
  public static SqsBatch fifoBatch(String messageGroupId, SqsMessage... messages) {
    Objects.requireNonNull(messageGroupId, "messageGroupId");
    return new SqsBatch(
        List.of(messages), "arn:aws:sqs:us-east-1:123456789012:MyQueue.fifo", messageGroupId);
  }

  /** One message. Immutable: every method returns a changed copy. */
  public static final class SqsMessage extends JsonValue<SqsMessage> {
    SqsMessage(JsonObject record) {
      super(record);
    }

    @Override
    SqsMessage copy(JsonObject json) {
      return new SqsMessage(json);
    }

    /** {@code messageId} (what {@code batchItemFailures} names). */
    public SqsMessage messageId(String messageId) {
      Objects.requireNonNull(messageId, "messageId");
      return with(r -> r.addProperty("messageId", messageId));
    }

    /** {@code body}, with its {@code md5OfBody}. */
    public SqsMessage body(String body) {
      Objects.requireNonNull(body, "body");
      return with(
          r -> {
            r.addProperty("body", body);
            r.addProperty("md5OfBody", Templates.digest("MD5", body));
          });
    }

    /** A system attribute ({@code attributes.<name>}), e.g. {@code AWSTraceHeader}. */
    public SqsMessage attribute(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return with(r -> r.getAsJsonObject("attributes").addProperty(name, value));
    }

    /** {@code attributes.ApproximateReceiveCount}: more than 1 for a redelivery. */
    public SqsMessage receiveCount(int count) {
      return attribute("ApproximateReceiveCount", String.valueOf(count));
    }

    /**
     * When the message was sent ({@code SentTimestamp}, the CloudEvent time) and first received.
     */
    public SqsMessage sentAt(Instant time) {
      Objects.requireNonNull(time, "time");
      String millis = String.valueOf(time.toEpochMilli());
      return attribute("SentTimestamp", millis)
          .attribute("ApproximateFirstReceiveTimestamp", millis);
    }

    /** A {@code String} message attribute ({@code messageAttributes.<name>}). */
    public SqsMessage messageAttribute(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return with(
          r -> {
            JsonObject a = new JsonObject();
            a.addProperty("stringValue", value);
            a.add("stringListValues", new JsonArray());
            a.add("binaryListValues", new JsonArray());
            a.addProperty("dataType", "String");
            r.getAsJsonObject("messageAttributes").add(name, a);
          });
    }

    /** The message id. */
    public String messageId() {
      return read().get("messageId").getAsString();
    }

    /** The body. */
    public String body() {
      return read().get("body").getAsString();
    }
  }

  /** A batch of messages from one queue. Immutable: every method returns a changed copy. */
  public static final class SqsBatch extends RecordBatch<SqsMessage> {
    private final String messageGroupId;
    private final long firstSequence;

    private SqsBatch(List<SqsMessage> messages, String queueArn, String messageGroupId) {
      this(messages, queueArn, messageGroupId, Templates.nextSequence());
      // one sequence number per message, so no later batch reuses one
      for (int i = 1; i < messages.size(); i++) {
        Templates.nextSequence();
      }
    }

    private SqsBatch(
        List<SqsMessage> messages, String queueArn, String messageGroupId, long firstSequence) {
      super(messages, queueArn, "SQS");
      this.messageGroupId = messageGroupId;
      this.firstSequence = firstSequence;
    }

    /**
     * The queue's ARN ({@code eventSourceARN}; {@code awsRegion} follows it); a FIFO queue's name
     * ends in {@code .fifo}.
     */
    public SqsBatch queueArn(String queueArn) {
      return new SqsBatch(records(), queueArn, messageGroupId, firstSequence);
    }

    /** The message ids, in order. */
    public List<String> messageIds() {
      return records().stream().map(SqsMessage::messageId).toList();
    }

    /** Whether this is a FIFO batch. */
    public boolean isFifo() {
      return messageGroupId != null;
    }

    /** A FIFO message's group, deduplication id (content-based) and sequence number. */
    @Override
    void stamp(JsonObject record, int index, String[] arn) {
      if (messageGroupId != null) {
        JsonObject a = record.getAsJsonObject("attributes");
        a.addProperty("SequenceNumber", String.format("%020d", firstSequence + index));
        a.addProperty("MessageGroupId", messageGroupId);
        if (!a.has("MessageDeduplicationId")) {
          a.addProperty(
              "MessageDeduplicationId",
              Templates.digest("SHA-256", record.get("body").getAsString()));
        }
      }
    }
  }
}
