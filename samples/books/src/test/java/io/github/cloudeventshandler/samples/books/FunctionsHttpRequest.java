package io.github.cloudeventshandler.samples.books;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An Azure Functions {@link HttpRequestMessage} (a Functions interface, not a servlet type) as the
 * host builds it for the {@code books} function.
 */
record FunctionsHttpRequest(
    HttpMethod method, String path, Map<String, String> headers, String body)
    implements HttpRequestMessage<Optional<String>> {

  @Override
  public URI getUri() {
    return URI.create("https://ceh-books.azurewebsites.net" + path);
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
    return Map.of();
  }

  @Override
  public Optional<String> getBody() {
    return Optional.ofNullable(body);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return createResponseBuilder((HttpStatusType) status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    Map<String, String> h = new LinkedHashMap<>();
    Object[] content = {null};
    HttpStatusType[] s = {status};
    return new HttpResponseMessage.Builder() {
      @Override
      public HttpResponseMessage.Builder status(HttpStatusType st) {
        s[0] = st;
        return this;
      }

      @Override
      public HttpResponseMessage.Builder header(String key, String value) {
        h.put(key, value);
        return this;
      }

      @Override
      public HttpResponseMessage.Builder body(Object b) {
        content[0] = b;
        return this;
      }

      @Override
      public HttpResponseMessage build() {
        return new HttpResponseMessage() {
          @Override
          public HttpStatusType getStatus() {
            return s[0];
          }

          @Override
          public String getHeader(String key) {
            return h.get(key);
          }

          @Override
          public Object getBody() {
            return content[0];
          }
        };
      }
    };
  }

  static String text(HttpResponseMessage r) {
    Object b = r.getBody();
    return b == null
        ? ""
        : b instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : b.toString();
  }
}
