package io.github.cloudeventshandler.runner;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Azure Functions {@link HttpRequestMessage} (binary body binding) the runner hands to {@code
 * AzureEventHandler.httpBytes}. Like the Functions host, it has one value per header name (repeated
 * fields are joined with {@code ", "}); its response builder keeps every header given.
 */
final class AzureHttpRequest implements HttpRequestMessage<Optional<byte[]>> {
  private final HttpMethod method;
  private final URI uri;
  private final Map<String, String> headers;
  private final byte[] body;

  AzureHttpRequest(String method, String path, String query, Headers headers, byte[] body) {
    this.method = HttpMethod.value(method);
    if (this.method == null) {
      throw new IllegalArgumentException("Azure Functions has no HTTP method " + method);
    }
    this.uri = URI.create("http://localhost:7071" + path + (query == null ? "" : "?" + query));
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : headers.names()) {
      h.put(name, String.join(", ", headers.all(name)));
    }
    this.headers = h;
    this.body = body.clone();
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

  @Override
  public Map<String, String> getQueryParameters() {
    Map<String, String> q = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String p : uri.getRawQuery().split("&")) {
        String[] kv = p.split("=", 2);
        q.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return q;
  }

  @Override
  public Optional<byte[]> getBody() {
    return body.length == 0 ? Optional.empty() : Optional.of(body.clone());
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return new Response.Builder(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new Response.Builder(status);
  }

  /** A response that keeps every header and the body it was given. */
  static final class Response implements HttpResponseMessage {
    private final HttpStatusType status;
    private final List<Map.Entry<String, String>> headers;
    private final Object body;

    private Response(HttpStatusType status, List<Map.Entry<String, String>> headers, Object body) {
      this.status = status;
      this.headers = List.copyOf(headers);
      this.body = body;
    }

    @Override
    public HttpStatusType getStatus() {
      return status;
    }

    @Override
    public String getHeader(String name) {
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
      return null;
    }

    @Override
    public Object getBody() {
      return body;
    }

    /** Status, headers and body bytes (text bodies as UTF-8). */
    AppResponse toAppResponse() {
      Headers.Builder h = Headers.builder();
      headers.forEach(e -> h.add(e.getKey(), e.getValue()));
      byte[] bytes =
          body == null
              ? new byte[0]
              : body instanceof byte[] b ? b : body.toString().getBytes(StandardCharsets.UTF_8);
      return new AppResponse(status.value(), h.build(), bytes);
    }

    static final class Builder implements HttpResponseMessage.Builder {
      private HttpStatusType status;
      private final List<Map.Entry<String, String>> headers = new ArrayList<>();
      private Object body;

      Builder(HttpStatusType status) {
        this.status = status;
      }

      @Override
      public HttpResponseMessage.Builder status(HttpStatusType s) {
        this.status = s;
        return this;
      }

      @Override
      public HttpResponseMessage.Builder header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
      }

      @Override
      public HttpResponseMessage.Builder body(Object b) {
        this.body = b;
        return this;
      }

      @Override
      public HttpResponseMessage build() {
        return new Response(status, headers, body);
      }
    }
  }
}
