package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SNS HTTP(S) message body ({@code Notification}, {@code SubscriptionConfirmation} or {@code
 * UnsubscribeConfirmation}) read as strict JSON, and its signature check. Field values are the JSON
 * strings as sent (escapes decoded, nothing re-formatted), which is what SNS signs. Not part of the
 * public API.
 *
 * @param json the whole message
 * @param fields every string field by name
 */
record SnsMessage(JsonObject json, Map<String, String> fields) {
  static final String NOTIFICATION = "Notification";
  static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
  static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

  /** The fields signed in a notification, in order; {@code Subject} only when present. */
  private static final List<String> NOTIFICATION_SIGNED =
      List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");

  /** The fields signed in both confirmations, in order. */
  private static final List<String> CONFIRMATION_SIGNED =
      List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

  SnsMessage {
    Objects.requireNonNull(json, "json");
    fields = Map.copyOf(fields);
  }

  /**
   * Reads a parsed body: every member must be a string, except {@code MessageAttributes} (an
   * object); {@code Type}, {@code MessageId}, {@code TopicArn}, {@code Message}, {@code Timestamp},
   * {@code SignatureVersion}, {@code Signature}, {@code SigningCertURL} (and {@code Token} and
   * {@code SubscribeURL} for confirmations) must be there.
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} / {@link Problem#INVALID_FIELD}
   */
  static SnsMessage of(JsonElement body) {
    EventField root = EventField.root(body, RawEvent.AWS, SnsClassifier.KIND);
    if (!root.isObject()) {
      throw root.invalid("is " + StrictJson.kindOf(body) + ", not a JSON object");
    }
    JsonObject o = root.jsonObject();
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, EventField> m : root.members().entrySet()) {
      EventField v = m.getValue();
      if (m.getKey().equals("MessageAttributes") && v.isObject()) {
        continue;
      }
      if (!v.isString()) {
        throw v.invalid("must be a string but is " + StrictJson.kindOf(v.json()));
      }
      fields.put(m.getKey(), v.optStringOrEmpty().orElseThrow());
    }
    SnsMessage message = new SnsMessage(o, fields);
    String type = message.require("Type");
    List<String> required =
        switch (type) {
          case NOTIFICATION ->
              List.of("MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion");
          case SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION ->
              List.of(
                  "MessageId",
                  "TopicArn",
                  "Message",
                  "Timestamp",
                  "SignatureVersion",
                  "Token",
                  "SubscribeURL");
          default ->
              throw new BadEventException(
                  Problem.INVALID_FIELD,
                  "aws sns http message: Type '"
                      + type
                      + "' is not Notification, SubscriptionConfirmation or"
                      + " UnsubscribeConfirmation");
        };
    for (String name : required) {
      if (name.equals("Message")) {
        if (!fields.containsKey(name)) {
          throw message.missing(name);
        }
      } else {
        message.require(name);
      }
    }
    return message;
  }

  String type() {
    return fields.get("Type");
  }

  String messageId() {
    return fields.get("MessageId");
  }

  String topicArn() {
    return fields.get("TopicArn");
  }

  /** A field's value, or null. */
  String field(String name) {
    return fields.get(name);
  }

  /**
   * A non-empty string field.
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} (for {@code Signature} and {@code
   *     SigningCertURL}: {@link Problem#UNAUTHENTICATED})
   */
  String require(String name) {
    String v = fields.get(name);
    if (v == null || v.isEmpty()) {
      throw missing(name);
    }
    return v;
  }

  private BadEventException missing(String name) {
    boolean signature = name.equals("Signature") || name.equals("SigningCertURL");
    return EventField.root(json, RawEvent.AWS, SnsClassifier.KIND)
        .withEventId(fields.get("MessageId"))
        .get(name)
        .problem(
            signature ? Problem.UNAUTHENTICATED : Problem.MISSING_FIELD,
            "is missing or empty",
            null);
  }

  /**
   * The exact text SNS signs: {@code name\nvalue\n} for each signed field in order ({@code Subject}
   * of a notification only when the message has one, even an empty one).
   */
  String stringToSign() {
    StringBuilder sb = new StringBuilder();
    for (String name : type().equals(NOTIFICATION) ? NOTIFICATION_SIGNED : CONFIRMATION_SIGNED) {
      String value = fields.get(name);
      if (value == null && name.equals("Subject")) {
        continue;
      }
      sb.append(name).append('\n').append(value).append('\n');
    }
    return sb.toString();
  }

  /** {@code SHA1withRSA} for {@code SignatureVersion} 1, {@code SHA256withRSA} for 2. */
  String algorithm() {
    String v = fields.get("SignatureVersion");
    if ("1".equals(v)) {
      return "SHA1withRSA";
    }
    if ("2".equals(v)) {
      return "SHA256withRSA";
    }
    throw new BadEventException(
        Problem.UNAUTHENTICATED,
        "aws sns http message "
            + messageId()
            + ": SignatureVersion '"
            + v
            + "' is not 1 (SHA1withRSA) or 2 (SHA256withRSA)");
  }

  /**
   * Checks {@code Signature} over {@link #stringToSign()} with the signer's key.
   *
   * @throws BadEventException {@link Problem#UNAUTHENTICATED} when it does not verify
   */
  void verify(PublicKey key) {
    String algorithm = algorithm();
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(require("Signature"));
    } catch (IllegalArgumentException e) {
      throw unauthenticated("Signature is not base64");
    }
    boolean ok;
    try {
      Signature s = Signature.getInstance(algorithm);
      s.initVerify(key);
      s.update(stringToSign().getBytes(StandardCharsets.UTF_8));
      ok = s.verify(signature);
    } catch (GeneralSecurityException e) {
      ok = false;
    }
    if (!ok) {
      throw unauthenticated("the " + algorithm + " signature does not verify");
    }
  }

  BadEventException unauthenticated(String why) {
    return new BadEventException(
        Problem.UNAUTHENTICATED, "aws sns http message " + messageId() + ": " + why);
  }
}
