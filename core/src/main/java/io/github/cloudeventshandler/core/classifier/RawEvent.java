package io.github.cloudeventshandler.core.classifier;

import com.google.gson.JsonElement;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What a native entry point received, before anyone interpreted it: the provider it came through,
 * the bytes, the transport headers (empty for Lambda), the HTTP request line when there was one,
 * and the platform's context object.
 *
 * <p>The body is parsed as strict JSON at most once, on the first call to {@link #json()}, so
 * classifiers can look at it cheaply in turn. Instances are safe to share between threads.
 *
 * <pre>{@code
 * RawEvent raw = RawEvent.builder(RawEvent.AWS, bytes).platformContext(lambdaContext).build();
 * }</pre>
 */
public final class RawEvent {
  /** Provider name for events that came through AWS Lambda. */
  public static final String AWS = "aws";

  /** Provider name for events that came through Google Cloud Functions / Cloud Run. */
  public static final String GCP = "gcp";

  /** Provider name for events that came through Azure Functions. */
  public static final String AZURE = "azure";

  /** Provider name for events that came over plain HTTP (ingress mode, runner). */
  public static final String HTTP = "http";

  private final String provider;
  private final byte[] body;
  private final Headers headers;
  private final String method;
  private final String path;
  private final String query;
  private final Object platformContext;
  private final JsonLimits limits;
  private final Payload wrapped;
  private volatile JsonElement json;

  private RawEvent(Builder b) {
    this.provider = b.provider;
    this.body = b.body;
    this.wrapped = b.wrapped;
    this.headers = b.headers;
    this.method = b.method;
    this.path = b.path;
    this.query = b.query;
    this.platformContext = b.platformContext;
    this.limits = b.limits;
  }

  /**
   * Starts a raw event.
   *
   * @param provider one of {@link #AWS}, {@link #GCP}, {@link #AZURE}, {@link #HTTP}
   * @param body the bytes as received; copied
   */
  public static Builder builder(String provider, byte[] body) {
    return new Builder(provider, Objects.requireNonNull(body, "body").clone());
  }

  /**
   * Starts a raw event over a payload the entry point has already made of the bytes it read,
   * without copying them: a large batch is then held once, not twice, and a classifier asking for
   * the whole event as a payload of the same media type ({@link #payload(String)}) gets this very
   * payload.
   *
   * @param provider one of {@link #AWS}, {@link #GCP}, {@link #AZURE}, {@link #HTTP}
   * @param body the bytes as received and their media type; not copied (a payload is immutable)
   */
  public static Builder wrapping(String provider, Payload body) {
    Builder b = new Builder(provider, Objects.requireNonNull(body, "body").sharedBytes());
    b.wrapped = body;
    return b;
  }

  /** The provider this event came through. */
  public String provider() {
    return provider;
  }

  /** A copy of the body. */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body as a {@link Payload} of this media type: the payload this event wraps when it has that
   * type, else one copy of the bytes (where {@code new Payload(type, body())} makes two, which for
   * a large batch is megabytes).
   */
  public Payload payload(String contentType) {
    if (wrapped != null && wrapped.contentType().equals(contentType)) {
      return wrapped;
    }
    return new Payload(contentType, body);
  }

  /** The body length, without copying. */
  public int bodyLength() {
    return body.length;
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Transport headers; empty when the platform delivers bare bytes (Lambda). */
  public Headers headers() {
    return headers;
  }

  /** The first value of a transport header, ignoring case. */
  public Optional<String> header(String name) {
    return headers.first(name);
  }

  /** The transport {@code Content-Type}, when there was one. */
  public Optional<String> contentType() {
    return headers.first("Content-Type");
  }

  /** The HTTP method, when the event arrived as an HTTP request. */
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /** The raw (still percent-encoded) HTTP path, when the event arrived as an HTTP request. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** The raw HTTP query string without {@code ?}, when there was one. */
  public Optional<String> query() {
    return Optional.ofNullable(query);
  }

  /** The platform's context object (Lambda {@code Context}, Azure {@code ExecutionContext}...). */
  public Optional<Object> platformContext() {
    return Optional.ofNullable(platformContext);
  }

  /** The limits the body is read with. */
  public JsonLimits limits() {
    return limits;
  }

  /**
   * Whether the body starts like a JSON object or array (after an optional UTF-8 BOM and
   * whitespace). Cheap; does not parse.
   */
  public boolean looksLikeJson() {
    int i = 0;
    if (body.length >= 3
        && (body[0] & 0xFF) == 0xEF
        && (body[1] & 0xFF) == 0xBB
        && (body[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    for (; i < body.length; i++) {
      byte c = body[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      return c == '{' || c == '[';
    }
    return false;
  }

  /**
   * The body as a strict JSON tree, parsed once and cached.
   *
   * @throws BadEventException if the body is too large, malformed, too deep or has duplicate keys
   */
  public JsonElement json() {
    JsonElement j = json;
    if (j == null) {
      j = StrictJson.parse(body, limits, provider + " event");
      json = j;
    }
    return j;
  }

  @Override
  public String toString() {
    return "RawEvent["
        + provider
        + ", "
        + body.length
        + " bytes"
        + (method != null ? ", " + method + " " + path : "")
        + "]";
  }

  /** Builds a {@link RawEvent}. */
  public static final class Builder {
    private final String provider;
    private final byte[] body;
    private Headers headers = Headers.empty();
    private String method;
    private String path;
    private String query;
    private Object platformContext;
    private JsonLimits limits = JsonLimits.DEFAULT;
    private Payload wrapped;

    private Builder(String provider, byte[] body) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.body = body;
    }

    /** Sets the transport headers. */
    public Builder headers(Headers headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /** Sets the HTTP request line: method, raw path and raw query (nullable). */
    public Builder request(String method, String path, String query) {
      this.method = Objects.requireNonNull(method, "method");
      this.path = Objects.requireNonNull(path, "path");
      this.query = query;
      return this;
    }

    /** Sets the platform context object (nullable). */
    public Builder platformContext(Object platformContext) {
      this.platformContext = platformContext;
      return this;
    }

    /** Sets the JSON limits (default {@link JsonLimits#DEFAULT}). */
    public Builder limits(JsonLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The raw event. */
    public RawEvent build() {
      return new RawEvent(this);
    }
  }
}
