package io.github.cloudeventshandler.testing.platform;

import com.google.cloud.functions.HttpRequest;
import io.github.cloudeventshandler.core.Headers;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Functions Framework {@link HttpRequest} an {@code HttpFunction} receives, as the invoker
 * builds it: method, raw path and query, headers with case-insensitive names (every value of a
 * repeated field kept, in order), the body bytes, and the charset of {@code Content-Type}.
 * Multipart parts are not parsed ({@link #getParts()} is empty). Immutable; build one with {@link
 * #builder(String, String)}.
 *
 * <pre>{@code
 * LocalGcpHttpRequest request =
 *     LocalGcpHttpRequest.post("/", body).header("Content-Type", "application/json").build();
 * LocalGcpHttpResponse response = new LocalGcpHttpResponse();
 * new HttpEntryPoint(configuration, app).service(request, response);
 * }</pre>
 *
 * <p>Failure contract: the builder refuses null names, values and bodies with {@link
 * NullPointerException}; the request never throws.
 */
public final class LocalGcpHttpRequest implements HttpRequest {
  private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset=\"?([^\";]+)\"?");

  private final String method;
  private final String origin;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private LocalGcpHttpRequest(Builder b) {
    this.method = b.method;
    this.origin = b.origin;
    this.path = b.path;
    this.query = b.query;
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    b.headers.forEach((name, values) -> h.put(name, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(h);
    this.body = b.body.clone();
  }

  /**
   * A builder for a request to {@code target}: the raw path, with the raw query after {@code ?}.
   */
  public static Builder builder(String method, String target) {
    return new Builder(method, target);
  }

  /** A builder for {@code POST target} with this body. */
  public static Builder post(String target, byte[] body) {
    return builder("POST", target).body(body);
  }

  /** A builder for {@code POST target} with this UTF-8 body. */
  public static Builder post(String target, String body) {
    return builder("POST", target).body(body);
  }

  /** A builder for {@code GET target} without a body. */
  public static Builder get(String target) {
    return builder("GET", target);
  }

  @Override
  public String getMethod() {
    return method;
  }

  /** The full URL: the {@code Host} header (else the builder's origin), path and query. */
  @Override
  public String getUri() {
    String base = getFirstHeader("Host").map(h -> "http://" + h).orElse(origin);
    return base + path + (query == null ? "" : "?" + query);
  }

  @Override
  public String getPath() {
    return path;
  }

  @Override
  public Optional<String> getQuery() {
    return Optional.ofNullable(query);
  }

  /** The query parameters, names and values form-URL-decoded, repeated names in order. */
  @Override
  public Map<String, List<String>> getQueryParameters() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }

  @Override
  public Map<String, HttpPart> getParts() {
    return Map.of();
  }

  @Override
  public Optional<String> getContentType() {
    return getFirstHeader("Content-Type");
  }

  @Override
  public long getContentLength() {
    return body.length;
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    return getContentType().map(CHARSET::matcher).filter(Matcher::find).map(m -> m.group(1).trim());
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(body);
  }

  /** A reader in the request's charset, UTF-8 when it names none (or one the JVM lacks). */
  @Override
  public BufferedReader getReader() {
    Charset cs =
        getCharacterEncoding()
            .filter(Charset::isSupported)
            .map(Charset::forName)
            .orElse(StandardCharsets.UTF_8);
    return new BufferedReader(new InputStreamReader(getInputStream(), cs));
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "LocalGcpHttpRequest[" + method + " " + path + (query == null ? "" : "?" + query) + "]";
  }

  /** Builds a {@link LocalGcpHttpRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final String query;
    private String origin = "http://localhost:8080";
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private Builder(String method, String target) {
      this.method = Objects.requireNonNull(method, "method");
      Objects.requireNonNull(target, "target");
      int q = target.indexOf('?');
      this.path = q < 0 ? target : target.substring(0, q);
      this.query = q < 0 ? null : target.substring(q + 1);
    }

    /** Adds a header field; a repeated name keeps every value in order. */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          e.getValue().add(value);
          return this;
        }
      }
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds every field of {@code headers}, in order. */
    public Builder headers(Headers headers) {
      headers.fields().forEach(f -> header(f.getKey(), f.getValue()));
      return this;
    }

    /** The body; default none. */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body").clone();
      return this;
    }

    /** The body as UTF-8. */
    public Builder body(String body) {
      return body(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
    }

    /** Scheme, host and port of {@link #getUri()} when there is no {@code Host} header. */
    public Builder origin(String origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    /** The request. */
    public LocalGcpHttpRequest build() {
      return new LocalGcpHttpRequest(this);
    }
  }
}
