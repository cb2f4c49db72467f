package io.github.cloudeventshandler.testing;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.PushTokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Pub/Sub push requests as an authenticated push subscription sends them, starting from the
 * recorded wrapped push body: {@code POST /} with {@code Content-Type: application/json}, the body
 * {@code {"message":{"attributes","data" (base64),"messageId","publishTime"},"subscription"}}, and
 * {@code Authorization: Bearer <OIDC token>} signed by the kit's {@link PushTokenIssuer} for the
 * audience and service account the cloud is configured with (so {@code HttpEntryPoint} verifies it
 * against the kit's key set on loopback).
 *
 * <pre>{@code
 * assertThat(gcp.send(PubSubEvents.push("{\"order\":7}").attribute("tenant", "acme"))).hasStatus(204);
 * assertThat(gcp.send(PubSubEvents.push("x").unauthenticated())).hasStatus(401);
 * }</pre>
 */
public final class PubSubEvents {
  private PubSubEvents() {}

  /**
   * A push of a message with this UTF-8 data on {@code projects/local-project/subscriptions/local}.
   */
  public static PubSubPush push(String data) {
    return push(Objects.requireNonNull(data, "data").getBytes(StandardCharsets.UTF_8));
  }

  /** A push of a message with these data bytes. */
  public static PubSubPush push(byte[] data) {
    JsonObject body = Templates.object("gcp/pubsub/push-wrapped-message-published-complex");
    JsonObject message = body.getAsJsonObject("message");
    message.add("attributes", new JsonObject());
    message.remove("orderingKey");
    return new PubSubPush(body, Auth.CONFIGURED, null)
        .data(data)
        .messageId(String.valueOf(Templates.nextSequence()))
        .publishTime(Templates.now())
        .subscription("projects/local-project/subscriptions/local");
  }

  private enum Auth {
    CONFIGURED,
    TOKEN,
    NONE
  }

  /** One push request. Immutable: every method returns a changed copy. */
  public static final class PubSubPush extends GcpEvent {
    private final JsonObject body;
    private final Auth auth;
    private final String token;

    PubSubPush(JsonObject body, Auth auth, String token) {
      this.body = body;
      this.auth = auth;
      this.token = token;
    }

    private PubSubPush with(Consumer<JsonObject> change) {
      JsonObject b = body.deepCopy();
      change.accept(b);
      return new PubSubPush(b, auth, token);
    }

    private static JsonObject message(JsonObject b) {
      return b.getAsJsonObject("message");
    }

    /** {@code message.data}: these bytes, base64-encoded. */
    public PubSubPush data(byte[] data) {
      Objects.requireNonNull(data, "data");
      return with(b -> message(b).addProperty("data", Templates.base64(data)));
    }

    /** {@code message.messageId} (the CloudEvent id). */
    public PubSubPush messageId(String messageId) {
      Objects.requireNonNull(messageId, "messageId");
      return with(b -> message(b).addProperty("messageId", messageId));
    }

    /** {@code message.publishTime}. */
    public PubSubPush publishTime(Instant time) {
      Objects.requireNonNull(time, "time");
      return with(b -> message(b).addProperty("publishTime", time.toString()));
    }

    /** A message attribute. */
    public PubSubPush attribute(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return with(b -> message(b).getAsJsonObject("attributes").addProperty(name, value));
    }

    /** {@code message.orderingKey}. */
    public PubSubPush orderingKey(String orderingKey) {
      Objects.requireNonNull(orderingKey, "orderingKey");
      return with(b -> message(b).addProperty("orderingKey", orderingKey));
    }

    /** {@code subscription}: {@code projects/<project>/subscriptions/<name>}. */
    public PubSubPush subscription(String subscription) {
      Objects.requireNonNull(subscription, "subscription");
      return with(b -> b.addProperty("subscription", subscription));
    }

    /** {@code deliveryAttempt} (sent only with a dead-letter policy). */
    public PubSubPush deliveryAttempt(int attempt) {
      return with(b -> b.addProperty("deliveryAttempt", attempt));
    }

    /** Sent with exactly this bearer token (a forged or expired one, say). */
    public PubSubPush bearerToken(String token) {
      return new PubSubPush(body, Auth.TOKEN, Objects.requireNonNull(token, "token"));
    }

    /** Sent without an {@code Authorization} header. */
    public PubSubPush unauthenticated() {
      return new PubSubPush(body, Auth.NONE, null);
    }

    /** The message id. */
    public String messageId() {
      return message(body).get("messageId").getAsString();
    }

    /**
     * The push request; with the default authentication, a token of the {@link
     * PushTokenIssuer#shared()} issuer for this audience and service account (none when either is
     * null, as with {@code CEH_PUBSUB_AUTH=off}).
     */
    public LocalGcpHttpRequest toHttpRequest(String audience, String serviceAccount) {
      LocalGcpHttpRequest r =
          LocalGcpHttpRequest.post("/", Templates.bytes(body))
              .header("Content-Type", "application/json")
              .header(
                  "User-Agent",
                  "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)");
      return switch (auth) {
        case NONE -> r;
        case TOKEN -> r.header("Authorization", "Bearer " + token);
        case CONFIGURED ->
            audience == null || serviceAccount == null
                ? r // CEH_PUBSUB_AUTH=off: nothing to sign for
                : r.header(
                    "Authorization",
                    "Bearer " + PushTokenIssuer.shared().token(audience, serviceAccount));
      };
    }

    @Override
    PlatformReply sendTo(GcpInvoker gcp) {
      return gcp.send(
          auth == Auth.CONFIGURED
              ? toHttpRequest(gcp.pushAudience(), gcp.pushServiceAccount())
              : toHttpRequest(null, null));
    }

    @Override
    public String toString() {
      return Templates.GSON.toJson(body);
    }
  }
}
