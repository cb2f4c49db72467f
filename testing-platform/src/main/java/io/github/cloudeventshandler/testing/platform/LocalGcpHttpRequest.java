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
 * Multipart parts are not parsed ({@link #getParts()} is empty).
 *
 * <p>Immutable: {@link #header(String, String)}, {@link #body(byte[])} and the other withers return
 * a changed copy.
 *
 * <pre>{@code
 * LocalGcpHttpRequest request =
 *     LocalGcpHttpRequest.post("/", body).header("Content-Type", "application/json");
 * LocalGcpHttpResponse response = new LocalGcpHttpResponse();
 * new HttpEntryPoint(configuration, app).service(request, response);
 * }</pre>
 *
 * <p>Failure contract: refuses null methods, targets, names, values and bodies with {@link
 * NullPointerException}; the request itself never throws.
 */
public final class LocalGcpHttpRequest implements HttpRequest {
  private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset=\"?([^\";]+)\"?");
  private static final String ORIGIN = "http://localhost:8080";

  private final String method;
  private final String origin;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private LocalGcpHttpRequest(
      String method,
      String origin,
      String path,
      String query,
      Map<String, List<String>> headers,
      byte[] body) {
    this.method = method;
    this.origin = origin;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
  }

  /**
   * A request without headers or body to {@code target}: the raw path, with the raw query after
   * {@code ?}.
   */
  public static LocalGcpHttpRequest request(String method, String target) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    int q = target.indexOf('?');
    return new LocalGcpHttpRequest(
        method,
        ORIGIN,
        q < 0 ? target : target.substring(0, q),
        q < 0 ? null : target.substring(q + 1),
        Collections.unmodifiableMap(new TreeMap<>(String.CASE_INSENSITIVE_ORDER)),
        new byte[0]);
  }

  /** {@code POST target} with this body. */
  public static LocalGcpHttpRequest post(String target, byte[] body) {
    return request("POST", target).body(body);
  }

  /** {@code POST target} with this UTF-8 body. */
  public static LocalGcpHttpRequest post(String target, String body) {
    return request("POST", target).body(body);
  }

  /** {@code GET target} without a body. */
  public static LocalGcpHttpRequest get(String target) {
    return request("GET", target);
  }

  /** A copy with one more header field; a repeated name keeps every value in order. */
  public LocalGcpHttpRequest header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    List<String> values = new ArrayList<>(h.getOrDefault(name, List.of()));
    values.add(value);
    h.remove(name);
    h.put(name, List.copyOf(values));
    return new LocalGcpHttpRequest(
        method, origin, path, query, Collections.unmodifiableMap(h), body);
  }

  /** A copy with every field of {@code headers} added, in order. */
  public LocalGcpHttpRequest headers(Headers headers) {
    LocalGcpHttpRequest r = this;
    for (Map.Entry<String, String> f : headers.fields()) {
      r = r.header(f.getKey(), f.getValue());
    }
    return r;
  }

  /** A copy with this body. */
  public LocalGcpHttpRequest body(byte[] body) {
    return new LocalGcpHttpRequest(
        method, origin, path, query, headers, Objects.requireNonNull(body, "body").clone());
  }

  /** A copy with this body in UTF-8. */
  public LocalGcpHttpRequest body(String body) {
    return body(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
  }

  /** A copy with this raw query (without {@code ?}), or none when null. */
  public LocalGcpHttpRequest query(String query) {
    return new LocalGcpHttpRequest(method, origin, path, query, headers, body);
  }

  /**
   * A copy whose {@link #getUri()} has this scheme, host and port when there is no {@code Host}
   * header (default {@code http://localhost:8080}, the invoker's port).
   */
  public LocalGcpHttpRequest origin(String origin) {
    return new LocalGcpHttpRequest(
        method, Objects.requireNonNull(origin, "origin"), path, query, headers, body);
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
}
