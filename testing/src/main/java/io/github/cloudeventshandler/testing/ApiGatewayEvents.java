package io.github.cloudeventshandler.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * API Gateway proxy events as Lambda receives them, starting from the recorded ones: HTTP API
 * (payload 2.0, also Lambda function URLs) and REST API (payload 1.0). They reach the application
 * as the HTTP request itself (method, raw path, query, headers, body); {@code requestContext} has a
 * fresh request id and the current time.
 *
 * <pre>{@code
 * PlatformReply reply = lambda.send(ApiGatewayEvents.httpApi("GET", "/books?limit=2"));
 * assertThat(reply).hasStatus(200).body().contains("Dune");
 * }</pre>
 */
public final class ApiGatewayEvents {
  private static final String DOMAIN = "local.execute-api.us-east-1.amazonaws.com";
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private ApiGatewayEvents() {}

  /** An HTTP API (payload 2.0) request: {@code target} is the raw path with an optional query. */
  public static HttpApiRequest httpApi(String method, String target) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    JsonObject e = Templates.object("aws/apigateway/http-api-v2");
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    Instant now = Templates.now();
    e.addProperty("rawPath", path);
    e.addProperty("rawQueryString", query);
    e.remove("cookies");
    JsonObject headers = new JsonObject();
    headers.addProperty("host", DOMAIN);
    e.add("headers", headers);
    e.remove("queryStringParameters");
    if (!query.isEmpty()) {
      JsonObject params = new JsonObject();
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        params.addProperty(k, params.has(k) ? params.get(k).getAsString() + "," + v : v);
      }
      e.add("queryStringParameters", params);
    }
    e.remove("pathParameters");
    e.remove("stageVariables");
    e.remove("body");
    JsonObject ctx = e.getAsJsonObject("requestContext");
    ctx.remove("authorizer");
    ctx.addProperty("apiId", "local");
    ctx.addProperty("domainName", DOMAIN);
    ctx.addProperty("domainPrefix", "local");
    ctx.addProperty("requestId", Templates.base64(Templates.hex(9)));
    ctx.addProperty("time", REQUEST_TIME.format(now));
    ctx.addProperty("timeEpoch", now.toEpochMilli());
    JsonObject http = ctx.getAsJsonObject("http");
    http.addProperty("method", method);
    http.addProperty("path", path);
    http.addProperty("sourceIp", "203.0.113.7");
    http.addProperty("userAgent", "cloud-events-handler-testing");
    return new HttpApiRequest(e);
  }

  /** A REST API (payload 1.0) request: {@code target} is the path with an optional query. */
  public static RestApiRequest restApi(String method, String target) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    JsonObject e = Templates.object("aws/apigateway/rest-proxy-post");
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    e.addProperty("path", path);
    e.addProperty("httpMethod", method);
    e.add("body", JsonNull.INSTANCE);
    JsonObject pathParameters = new JsonObject();
    pathParameters.addProperty("proxy", path.startsWith("/") ? path.substring(1) : path);
    e.add("pathParameters", pathParameters);
    e.add("stageVariables", JsonNull.INSTANCE);
    JsonObject single = new JsonObject();
    JsonObject multi = new JsonObject();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        single.addProperty(k, v);
        if (!multi.has(k)) {
          multi.add(k, new JsonArray());
        }
        multi.getAsJsonArray(k).add(v);
      }
    }
    e.add("queryStringParameters", query.isEmpty() ? JsonNull.INSTANCE : single);
    e.add("multiValueQueryStringParameters", query.isEmpty() ? JsonNull.INSTANCE : multi);
    e.add("headers", new JsonObject());
    e.add("multiValueHeaders", new JsonObject());
    Instant now = Templates.now();
    JsonObject ctx = e.getAsJsonObject("requestContext");
    ctx.addProperty("path", "/prod" + path);
    ctx.addProperty("httpMethod", method);
    ctx.addProperty("requestId", Templates.uuid());
    ctx.addProperty("requestTime", REQUEST_TIME.format(now));
    ctx.addProperty("requestTimeEpoch", now.toEpochMilli());
    return new RestApiRequest(e)
        .header("Host", DOMAIN)
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Port", "443");
  }

  /** What both payload formats share: the body and the bytes Lambda hands over. */
  abstract static class ProxyRequest<T extends ProxyRequest<T>> extends JsonValue<T>
      implements LambdaEvent {
    ProxyRequest(JsonObject event) {
      super(event);
    }

    /** A text body. */
    public T body(String body) {
      Objects.requireNonNull(body, "body");
      return with(
          e -> {
            e.addProperty("body", body);
            e.addProperty("isBase64Encoded", false);
          });
    }

    /** A binary body, base64-encoded ({@code isBase64Encoded}). */
    public T body(byte[] body) {
      Objects.requireNonNull(body, "body");
      return with(
          e -> {
            e.addProperty("body", Templates.base64(body));
            e.addProperty("isBase64Encoded", true);
          });
    }

    @Override
    public byte[] toBytes() {
      return Templates.bytes(read());
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  /** An HTTP API (payload 2.0) request. Immutable: every method returns a changed copy. */
  public static final class HttpApiRequest extends ProxyRequest<HttpApiRequest> {
    HttpApiRequest(JsonObject event) {
      super(event);
    }

    @Override
    HttpApiRequest copy(JsonObject json) {
      return new HttpApiRequest(json);
    }

    /**
     * A header; names are lower-cased, a repeated one joined with {@code ,} as API Gateway does.
     */
    public HttpApiRequest header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      String n = name.toLowerCase(Locale.ROOT);
      return with(
          e -> {
            JsonObject h = e.getAsJsonObject("headers");
            h.addProperty(n, h.has(n) ? h.get(n).getAsString() + "," + value : value);
          });
    }

    /** A cookie ({@code name=value}) in {@code cookies}. */
    public HttpApiRequest cookie(String cookie) {
      Objects.requireNonNull(cookie, "cookie");
      return with(
          e -> {
            if (!e.has("cookies")) {
              e.add("cookies", new JsonArray());
            }
            e.getAsJsonArray("cookies").add(cookie);
          });
    }
  }

  /** A REST API (payload 1.0) request. Immutable: every method returns a changed copy. */
  public static final class RestApiRequest extends ProxyRequest<RestApiRequest> {
    RestApiRequest(JsonObject event) {
      super(event);
    }

    @Override
    RestApiRequest copy(JsonObject json) {
      return new RestApiRequest(json);
    }

    /** A header, in {@code multiValueHeaders} and (last value) {@code headers}. */
    public RestApiRequest header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return with(
          e -> {
            e.getAsJsonObject("headers").addProperty(name, value);
            JsonObject multi = e.getAsJsonObject("multiValueHeaders");
            if (!multi.has(name)) {
              multi.add(name, new JsonArray());
            }
            multi.getAsJsonArray(name).add(value);
          });
    }
  }
}
