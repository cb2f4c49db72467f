package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.RawEvent;
import io.github.cloudeventshandler.core.internal.SendableRequests;
import java.util.Optional;

/**
 * API Gateway HTTP API requests (payload format 2.0) and Lambda function URL requests (the same
 * schema; kind {@code aws.lambda.url} when {@code requestContext.domainName} is a {@code
 * .lambda-url.} host): {@code version} 2.0 + {@code rawPath} + {@code requestContext.http}. The app
 * gets {@code requestContext.http.method}, {@code rawPath} and {@code rawQueryString} as they
 * arrived, the headers (values API Gateway joined with commas stay joined), {@code cookies[]} as
 * one {@code Cookie} header, {@code Host} from the headers (else {@code requestContext.domainName})
 * and the body base64-decoded when {@code isBase64Encoded}.
 */
public final class ApiGatewayV2Classifier implements EventClassifier {
  static final String KIND = "aws.apigateway.http";
  static final String URL_KIND = "aws.lambda.url";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    if (!RawEvent.AWS.equals(raw.provider())
        || !raw.looksLikeJson()
        || !raw.json().isJsonObject()) {
      return Optional.empty();
    }
    JsonObject o = raw.json().getAsJsonObject();
    JsonObject ctx = EventFields.object(o, "requestContext");
    JsonObject http = EventFields.object(ctx, "http");
    if (!"2.0".equals(EventFields.string(o, "version"))
        || EventFields.string(o, "rawPath") == null
        || http == null
        || o.has("type")) {
      return Optional.empty();
    }
    String domain = EventFields.string(ctx, "domainName");
    String kind = domain != null && domain.contains(".lambda-url.") ? URL_KIND : KIND;
    String id = EventFields.string(ctx, "requestId");
    String method =
        ProxyRequests.method(
            EventFields.string(http, "method"), kind, "requestContext.http.method", id);
    Headers.Builder h = ProxyRequests.headers(o, kind, id);
    if (!h.contains("Host") && domain != null) {
      // requestContext.domainName describes the API, not the client's request: it must still be a
      // Host the request can carry (normalised, or the event is refused saying so)
      h.add(
          "Host",
          SendableRequests.host(
              domain, "aws " + kind + " event " + id + ": requestContext.domainName"));
    }
    JsonElement cookies = o.get("cookies");
    if (cookies != null && cookies.isJsonArray() && !cookies.getAsJsonArray().isEmpty()) {
      StringBuilder c = new StringBuilder();
      for (JsonElement e : cookies.getAsJsonArray()) {
        String v = e.getAsString();
        if (v.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
          throw EventFields.invalidAt(kind, "cookies", id, "has a control character");
        }
        c.append(c.length() == 0 ? "" : "; ").append(v);
      }
      h.set("Cookie", c.toString());
    }
    String query = EventFields.string(o, "rawQueryString");
    AppRequest request =
        AppRequest.builder(method, ProxyRequests.path(EventFields.string(o, "rawPath")))
            .query(query == null || query.isEmpty() ? null : ProxyRequests.raw(query))
            .headers(h.build())
            .body(ProxyRequests.body(o, kind, id))
            .build();
    return Optional.of(ApiGatewayV1Classifier.http(raw, kind, LambdaReply.API_GATEWAY_V2, request));
  }
}
