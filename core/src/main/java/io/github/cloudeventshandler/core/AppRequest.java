package io.github.cloudeventshandler.core;

import io.github.cloudeventshandler.core.classifier.ReplyContract;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP request the application receives for one record (or for a whole batch, or for an HTTP
 * proxy event). The servlet bridge sends it through the application's real filter chain; the
 * attributes become servlet request attributes (names in {@link RequestAttributes}).
 *
 * <pre>{@code
 * AppRequest req = AppRequest.builder("POST", "/aws.s3")
 *     .header("Content-Type", "application/json")
 *     .body("{}".getBytes(UTF_8))
 *     .build();
 * }</pre>
 *
 * @param method the HTTP method
 * @param path the raw, percent-encoded path, starting with {@code /}
 * @param query the raw query string without {@code ?}, or null
 * @param headers the header fields; {@code Host} and {@code Content-Length} are set by the bridge
 * @param body the body bytes (copied)
 * @param attributes objects handed to the application as request attributes
 * @param timeout how long the application may take before the request counts as failed
 * @param maxResponseBytes the largest response body the caller can use: a longer answer fails the
 *     request instead of being held in memory; {@link #STATUS_ONLY} when the caller only needs the
 *     status and headers (the body is read and dropped, whatever its size)
 */
public record AppRequest(
    String method,
    String path,
    String query,
    Headers headers,
    byte[] body,
    Map<String, Object> attributes,
    Duration timeout,
    int maxResponseBytes) {

  /** The timeout used when nothing else says: 30 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The response body cap used when nothing else says: 32 MiB, the most an HTTP/1 response of Cloud
   * Run may carry; Lambda's replies set 6 MB (see {@link ReplyContract#maxResponseBytes()}).
   */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

  /** {@link #maxResponseBytes()} of a request whose answer is only its status and headers. */
  public static final int STATUS_ONLY = -1;

  /** Validates and copies. */
  public AppRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    body = Objects.requireNonNull(body, "body").clone();
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(timeout, "timeout");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + path);
    }
    if (maxResponseBytes < STATUS_ONLY) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be at least 0, or STATUS_ONLY: " + maxResponseBytes);
    }
  }

  /** A request with the default response body cap. */
  public AppRequest(
      String method,
      String path,
      String query,
      Headers headers,
      byte[] body,
      Map<String, Object> attributes,
      Duration timeout) {
    this(method, path, query, headers, body, attributes, timeout, DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** Whether only the status and headers of the answer are needed (the body is dropped). */
  public boolean statusOnly() {
    return maxResponseBytes == STATUS_ONLY;
  }

  /** Starts a request with an empty body, no headers and the default timeout. */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder(method, path);
    b.query = query;
    b.headers = headers.toBuilder();
    b.body = body;
    b.attributes.putAll(attributes);
    b.timeout = timeout;
    b.maxResponseBytes = maxResponseBytes;
    return b;
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body length, without copying. */
  public int bodyLength() {
    return body.length;
  }

  /** The body as a read-only buffer over this request's own copy (no copy is made). */
  public ByteBuffer bodyBuffer() {
    return ByteBuffer.wrap(body).asReadOnlyBuffer();
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The path and, when present, {@code ?query}: the request target of the HTTP request line. */
  public String target() {
    return query == null || query.isEmpty() ? path : path + "?" + query;
  }

  /** The first value of a header, ignoring case. */
  public Optional<String> header(String name) {
    return headers.first(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppRequest r
        && r.method.equals(method)
        && r.path.equals(path)
        && Objects.equals(r.query, query)
        && r.headers.equals(headers)
        && Arrays.equals(r.body, body)
        && r.attributes.equals(attributes)
        && r.timeout.equals(timeout)
        && r.maxResponseBytes == maxResponseBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        method, path, query, headers, Arrays.hashCode(body), attributes, timeout, maxResponseBytes);
  }

  @Override
  public String toString() {
    return "AppRequest["
        + method
        + " "
        + target()
        + ", "
        + headers.size()
        + " headers, "
        + body.length
        + " bytes]";
  }

  /** Builds an {@link AppRequest}; not thread-safe. */
  public static final class Builder {
    private String method;
    private String path;
    private String query;
    private Headers.Builder headers = Headers.builder();
    private byte[] body = new byte[0];
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    private Builder(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /** Sets the method. */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    /** Sets the raw path. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Sets the raw query string (without {@code ?}), or null. */
    public Builder query(String query) {
      this.query = query;
      return this;
    }

    /** Appends a header field. */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** Replaces all fields of that name with this one. */
    public Builder setHeader(String name, String value) {
      headers.set(name, value);
      return this;
    }

    /** Replaces all header fields. */
    public Builder headers(Headers headers) {
      this.headers = headers.toBuilder();
      return this;
    }

    /** Sets the body (not copied until {@link #build()}). */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** Adds a request attribute. */
    public Builder attribute(String name, Object value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds request attributes. */
    public Builder attributes(Map<String, Object> values) {
      values.forEach(this::attribute);
      return this;
    }

    /** Sets the timeout. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets the largest response body the caller can use, or {@link #STATUS_ONLY} (see {@link
     * AppRequest#maxResponseBytes()}).
     */
    public Builder maxResponseBytes(int maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** The request. */
    public AppRequest build() {
      return new AppRequest(
          method, path, query, headers.build(), body, attributes, timeout, maxResponseBytes);
    }
  }
}
