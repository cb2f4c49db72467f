package io.github.cloudeventshandler.testing;

import io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Azure Web PubSub upstream requests (CloudEvents binary mode) as the service sends them to an
 * HTTP-triggered function, in the shape of the documentation-derived cases of the corpus: {@code
 * POST /api/webpubsub} with {@code ce-specversion}, {@code ce-type}, {@code ce-source} ({@code
 * /hubs/<hub>/client/<connection id>}), {@code ce-id}, {@code ce-time}, {@code ce-hub}, {@code
 * ce-connectionId}, {@code ce-eventName}, {@code ce-userId} when set, {@code
 * WebHook-Request-Origin}, and {@code ce-signature}: {@code sha256=} the hex HMAC-SHA256 of the
 * connection id under the access key. Unless {@link WebPubSubRequest#signedWith(String...)} says
 * otherwise, the request is signed with the first key of the cloud's {@code CEH_WEBPUBSUB_KEYS}
 * ({@link #KEY} by default).
 *
 * <pre>{@code
 * assertThat(azure.send(WebPubSubEvents.connect("chat", "conn-1").userId("alice"))).hasStatus(200);
 * assertThat(azure.send(WebPubSubEvents.message("chat", "conn-1", "hello"))).succeeded();
 * }</pre>
 */
public final class WebPubSubEvents {
  /** The access key {@link LocalCloud} configures when the settings name none. */
  public static final String KEY = "local-web-pubsub-access-key";

  private WebPubSubEvents() {}

  /** {@code azure.webpubsub.sys.connect} (blocking: the app's answer accepts the client). */
  public static WebPubSubRequest connect(String hub, String connectionId) {
    return of(hub, connectionId, "azure.webpubsub.sys.connect", "connect")
        .body(
            "application/json",
            "{\"claims\":{},\"query\":{},\"headers\":{},\"subprotocols\":[],"
                + "\"clientCertificates\":[]}");
  }

  /** {@code azure.webpubsub.sys.connected}. */
  public static WebPubSubRequest connected(String hub, String connectionId) {
    return of(hub, connectionId, "azure.webpubsub.sys.connected", "connected")
        .body("application/json", "{}");
  }

  /** {@code azure.webpubsub.sys.disconnected} with this reason. */
  public static WebPubSubRequest disconnected(String hub, String connectionId, String reason) {
    return of(hub, connectionId, "azure.webpubsub.sys.disconnected", "disconnected")
        .body("application/json", "{\"reason\":" + Templates.GSON.toJson(reason) + "}");
  }

  /** {@code azure.webpubsub.user.message}: a text message from a simple WebSocket client. */
  public static WebPubSubRequest message(String hub, String connectionId, String text) {
    return userEvent(hub, connectionId, "message", "text/plain", text);
  }

  /** {@code azure.webpubsub.user.<eventName>} with this body. */
  public static WebPubSubRequest userEvent(
      String hub, String connectionId, String eventName, String contentType, String body) {
    return of(hub, connectionId, "azure.webpubsub.user." + eventName, eventName)
        .body(contentType, body);
  }

  private static WebPubSubRequest of(String hub, String connectionId, String type, String name) {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(connectionId, "connectionId");
    Map<String, String> h = new LinkedHashMap<>();
    h.put("WebHook-Request-Origin", "local.webpubsub.azure.com");
    h.put("ce-specversion", "1.0");
    h.put("ce-type", type);
    h.put("ce-source", "/hubs/" + hub + "/client/" + connectionId);
    h.put("ce-id", String.valueOf(Templates.nextSequence()));
    h.put("ce-time", Templates.now().toString());
    h.put("ce-connectionId", connectionId);
    h.put("ce-hub", hub);
    h.put("ce-eventName", name);
    return new WebPubSubRequest(h, "application/json", "", null);
  }

  /** {@code sha256=<hex HMAC-SHA256 of the connection id under key>}. */
  public static String signature(String key, String connectionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(connectionId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no HmacSHA256", e);
    }
  }

  /** One upstream request. Immutable: every method returns a changed copy. */
  public static final class WebPubSubRequest extends AzureEvent {
    private final Map<String, String> headers;
    private final String contentType;
    private final String body;
    private final List<String> keys;

    WebPubSubRequest(
        Map<String, String> headers, String contentType, String body, List<String> keys) {
      this.headers = headers;
      this.contentType = contentType;
      this.body = body;
      this.keys = keys;
    }

    private WebPubSubRequest header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new WebPubSubRequest(h, contentType, body, keys);
    }

    /** The body and its {@code Content-Type}. */
    public WebPubSubRequest body(String contentType, String body) {
      return new WebPubSubRequest(
          headers,
          Objects.requireNonNull(contentType, "contentType"),
          Objects.requireNonNull(body, "body"),
          keys);
    }

    /** {@code ce-userId}. */
    public WebPubSubRequest userId(String userId) {
      return header("ce-userId", Objects.requireNonNull(userId, "userId"));
    }

    /** {@code ce-id}. */
    public WebPubSubRequest id(String id) {
      return header("ce-id", Objects.requireNonNull(id, "id"));
    }

    /** {@code ce-time}. */
    public WebPubSubRequest time(Instant time) {
      return header("ce-time", Objects.requireNonNull(time, "time").toString());
    }

    /** {@code ce-connectionState}: the state the app set earlier (base64 of JSON, usually). */
    public WebPubSubRequest connectionState(String state) {
      return header("ce-connectionState", Objects.requireNonNull(state, "state"));
    }

    /**
     * Signed with these keys (one {@code sha256=} value each, in order), not the cloud's; none
     * makes a request without {@code ce-signature}.
     */
    public WebPubSubRequest signedWith(String... keys) {
      return new WebPubSubRequest(headers, contentType, body, List.of(keys));
    }

    /**
     * The HTTP request (binary body binding), signed with the keys given to {@link
     * #signedWith(String...)}, else with {@code keys}.
     */
    public LocalAzureHttpRequest<Optional<byte[]>> toHttpRequest(List<String> keys) {
      return request(keys).bytes(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The same request with the text body binding ({@code HttpRequestMessage<Optional<String>>}).
     */
    public LocalAzureHttpRequest<Optional<String>> toTextHttpRequest(List<String> keys) {
      return request(keys).body(body);
    }

    private LocalAzureHttpRequest.Builder request(List<String> keys) {
      LocalAzureHttpRequest.Builder b =
          LocalAzureHttpRequest.builder("POST", "/api/webpubsub").headers(headers);
      b.header("Content-Type", contentType);
      String connectionId = headers.get("ce-connectionId");
      List<String> signing = this.keys != null ? this.keys : keys;
      List<String> signatures = signing.stream().map(k -> signature(k, connectionId)).toList();
      if (!signatures.isEmpty()) {
        b.header("ce-signature", String.join(",", signatures));
      }
      return b;
    }

    @Override
    PlatformReply sendTo(AzureInvoker azure) {
      return azure.send(toHttpRequest(List.of(azure.webPubSubKey())));
    }

    @Override
    public String toString() {
      return "WebPubSubRequest" + headers + " " + body;
    }
  }
}
