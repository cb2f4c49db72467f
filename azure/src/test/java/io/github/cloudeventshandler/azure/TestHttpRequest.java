package io.github.cloudeventshandler.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A test builder for the Functions {@link HttpRequestMessage} interface (not a servlet type), with
 * a response builder that keeps what it is given.
 */
final class TestHttpRequest<T> implements HttpRequestMessage<Optional<T>> {
  private final HttpMethod method;
  private final URI uri;
  private final Map<String, String> headers;
  private final T body;

  private TestHttpRequest(HttpMethod method, URI uri, Map<String, String> headers, T body) {
    this.method = method;
    this.uri = uri;
    this.headers = headers;
    this.body = body;
  }

  static Builder builder(String method, String uri) {
    return new Builder(HttpMethod.value(method), URI.create("https://fn.azurewebsites.net" + uri));
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
    if (uri.getQuery() != null) {
      for (String p : uri.getQuery().split("&")) {
        String[] kv = p.split("=", 2);
        q.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return q;
  }

  @Override
  public Optional<T> getBody() {
    return Optional.ofNullable(body);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return new Response.Builder(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new Response.Builder(status);
  }

  static final class Builder {
    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder(HttpMethod method, URI uri) {
      this.method = method;
      this.uri = uri;
    }

    Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    Builder headers(Map<String, String> values) {
      headers.putAll(values);
      return this;
    }

    TestHttpRequest<String> body(String body) {
      return new TestHttpRequest<>(method, uri, Map.copyOf(headers), body);
    }

    TestHttpRequest<String> noBody() {
      return new TestHttpRequest<>(method, uri, Map.copyOf(headers), null);
    }

    TestHttpRequest<byte[]> bytes(byte[] body) {
      return new TestHttpRequest<>(method, uri, Map.copyOf(headers), body);
    }
  }

  /** What the handler built. */
  record Response(HttpStatusType getStatus, Map<String, String> headers, Object getBody)
      implements HttpResponseMessage {
    @Override
    public String getHeader(String name) {
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }

    String bodyText() {
      if (getBody == null) {
        return "";
      }
      return getBody instanceof byte[] b
          ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
          : getBody.toString();
    }

    static final class Builder implements HttpResponseMessage.Builder {
      private HttpStatusType status;
      private final Map<String, String> headers = new LinkedHashMap<>();
      private Object body;

      Builder(HttpStatusType status) {
        this.status = status;
      }

      @Override
      public HttpResponseMessage.Builder status(HttpStatusType status) {
        this.status = status;
        return this;
      }

      @Override
      public HttpResponseMessage.Builder header(String key, String value) {
        headers.put(key, value);
        return this;
      }

      @Override
      public HttpResponseMessage.Builder body(Object body) {
        this.body = body;
        return this;
      }

      @Override
      public HttpResponseMessage build() {
        return new Response(status, Map.copyOf(headers), body);
      }
    }
  }
}
