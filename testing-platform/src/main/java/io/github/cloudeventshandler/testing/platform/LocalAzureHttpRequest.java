package io.github.cloudeventshandler.testing.platform;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import io.github.cloudeventshandler.core.Headers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Azure Functions {@link HttpRequestMessage} an HTTP-triggered function receives: method, URI,
 * headers and the bound body ({@code Optional<String>}, or {@code Optional<byte[]>} for {@code
 * dataType = "binary"}). As in the Functions host, a header name has one value (repeated fields are
 * joined with {@code ", "}) and names are looked up case-insensitively. Its {@link
 * #createResponseBuilder(HttpStatusType)} builds a {@link LocalAzureHttpResponse}. Immutable.
 *
 * <pre>{@code
 * HttpRequestMessage<Optional<String>> request =
 *     LocalAzureHttpRequest.builder("POST", "/api/events")
 *         .header("aeg-event-type", "Notification")
 *         .body("[{...}]");
 * HttpResponseMessage response = handler.http(request, LocalAzureContext.create("events"));
 * }</pre>
 *
 * @param <T> the bound body type: {@code Optional<String>} or {@code Optional<byte[]>}
 */
public final class LocalAzureHttpRequest<T> implements HttpRequestMessage<T> {
  private final HttpMethod method;
  private final URI uri;
  private final Map<String, String> headers;
  private final T body;

  private LocalAzureHttpRequest(HttpMethod method, URI uri, Map<String, String> headers, T body) {
    this.method = method;
    this.uri = uri;
    this.headers = headers;
    this.body = body;
  }

  /**
   * A builder for a request to {@code target} (the path, with the query after {@code ?}) on the
   * local Functions host ({@code http://localhost:7071}).
   *
   * @throws IllegalArgumentException when Azure Functions has no such HTTP method
   */
  public static Builder builder(String method, String target) {
    return new Builder(method, target);
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public HttpMethod getHttpMethod() {
    return method;
  }

  @Override
  public Map<String, String> getHeaders() {
    return headers;
  }

  /** The query parameters, form-URL-decoded; a repeated name keeps its last value. */
  @Override
  public Map<String, String> getQueryParameters() {
    Map<String, String> q = new LinkedHashMap<>();
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      for (String p : uri.getRawQuery().split("&")) {
        String[] kv = p.split("=", 2);
        q.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return Collections.unmodifiableMap(q);
  }

  @Override
  public T getBody() {
    return body;
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return LocalAzureHttpResponse.builder(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return LocalAzureHttpResponse.builder(status);
  }

  @Override
  public String toString() {
    return "LocalAzureHttpRequest[" + method + " " + uri + "]";
  }

  /** Builds a {@link LocalAzureHttpRequest}; the body method chosen fixes the body type. */
  public static final class Builder {
    private final HttpMethod method;
    private final String target;
    private String origin = "http://localhost:7071";
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder(String method, String target) {
      Objects.requireNonNull(method, "method");
      this.method = HttpMethod.value(method);
      if (this.method == null) {
        throw new IllegalArgumentException("Azure Functions has no HTTP method " + method);
      }
      this.target = Objects.requireNonNull(target, "target");
    }

    /** Adds a header; a name given again gets {@code ", "} and the new value appended. */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          e.setValue(e.getValue() + ", " + value);
          return this;
        }
      }
      headers.put(name, value);
      return this;
    }

    /** Adds each entry as {@link #header(String, String)}. */
    public Builder headers(Map<String, String> values) {
      values.forEach(this::header);
      return this;
    }

    /** Adds every field of {@code headers} (repeated fields joined, as the host does). */
    public Builder headers(Headers headers) {
      headers.fields().forEach(f -> header(f.getKey(), f.getValue()));
      return this;
    }

    /** Scheme, host and port of the URI; default {@code http://localhost:7071}. */
    public Builder origin(String origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    /** A request with a text body ({@code HttpRequestMessage<Optional<String>>}). */
    public LocalAzureHttpRequest<Optional<String>> body(String body) {
      return build(Optional.of(Objects.requireNonNull(body, "body")));
    }

    /** A text-bound request without a body ({@code Optional.empty()}). */
    public LocalAzureHttpRequest<Optional<String>> noBody() {
      return build(Optional.empty());
    }

    /**
     * A request with a binary body ({@code dataType = "binary"}); an empty array is bound as {@code
     * Optional.empty()}, as the host binds a request without a body.
     */
    public LocalAzureHttpRequest<Optional<byte[]>> bytes(byte[] body) {
      Objects.requireNonNull(body, "body");
      return build(body.length == 0 ? Optional.empty() : Optional.of(body.clone()));
    }

    private <T> LocalAzureHttpRequest<T> build(T body) {
      Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      h.putAll(headers);
      return new LocalAzureHttpRequest<>(
          method, URI.create(origin + target), Collections.unmodifiableMap(h), body);
    }
  }
}
