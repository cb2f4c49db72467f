package io.github.cloudeventshandler.testing.platform;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Azure Functions {@link HttpResponseMessage} a function builds with {@code
 * request.createResponseBuilder(status)} on a {@link LocalAzureHttpRequest}: status, every header
 * given (in order; {@link #getHeader(String)} answers the first, case-insensitively) and the body
 * object. {@link #of(HttpResponseMessage)} reads any response, {@link #toAppResponse()} gives it
 * back as the core's {@link AppResponse}. Immutable.
 *
 * <pre>{@code
 * LocalAzureHttpResponse response = LocalAzureHttpResponse.of(handler.http(request, context));
 * assertThat(response.getStatusCode()).isEqualTo(200);
 * assertThat(response.bodyText()).contains("validationResponse");
 * }</pre>
 */
public final class LocalAzureHttpResponse implements HttpResponseMessage {
  private final HttpStatusType status;
  private final List<Map.Entry<String, String>> headers;
  private final Object body;

  private LocalAzureHttpResponse(
      HttpStatusType status, List<Map.Entry<String, String>> headers, Object body) {
    this.status = Objects.requireNonNull(status, "status");
    this.headers = List.copyOf(headers);
    this.body = body;
  }

  /** A builder, as {@code HttpRequestMessage.createResponseBuilder} returns one. */
  public static HttpResponseMessage.Builder builder(HttpStatusType status) {
    return new Builder(status);
  }

  /**
   * {@code response} as a {@link LocalAzureHttpResponse}: itself when it is one, else a copy of its
   * status and body (another implementation's headers cannot be listed, so none are copied).
   */
  public static LocalAzureHttpResponse of(HttpResponseMessage response) {
    Objects.requireNonNull(response, "response");
    if (response instanceof LocalAzureHttpResponse r) {
      return r;
    }
    return new LocalAzureHttpResponse(response.getStatus(), List.of(), response.getBody());
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

  /** Every header given, in order (a name may repeat). */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  @Override
  public Object getBody() {
    return body;
  }

  /** The body as bytes: a {@code byte[]} as is, anything else as its text in UTF-8. */
  public byte[] bodyBytes() {
    if (body == null) {
      return new byte[0];
    }
    return body instanceof byte[] b ? b.clone() : body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The body as UTF-8 text ({@code ""} when there is none). */
  public String bodyText() {
    return new String(bodyBytes(), StandardCharsets.UTF_8);
  }

  /** Status, headers and body bytes as the core's {@link AppResponse}. */
  public AppResponse toAppResponse() {
    Headers.Builder h = Headers.builder();
    headers.forEach(e -> h.add(e.getKey(), e.getValue()));
    return new AppResponse(status.value(), h.build(), bodyBytes());
  }

  @Override
  public String toString() {
    return "LocalAzureHttpResponse[" + status.value() + ", " + headers + "]";
  }

  private static final class Builder implements HttpResponseMessage.Builder {
    private HttpStatusType status;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private Object body;

    private Builder(HttpStatusType status) {
      this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public HttpResponseMessage.Builder status(HttpStatusType status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    @Override
    public HttpResponseMessage.Builder header(String name, String value) {
      headers.add(Map.entry(name, value));
      return this;
    }

    @Override
    public HttpResponseMessage.Builder body(Object body) {
      this.body = body;
      return this;
    }

    @Override
    public HttpResponseMessage build() {
      return new LocalAzureHttpResponse(status, headers, body);
    }
  }
}
