package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.SendableRequests;
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
    EventField o = EventFields.root(raw, KIND).orElse(null);
    if (o == null
        || !o.get("version").is("2.0")
        || !o.get("rawPath").isString()
        || !o.get("requestContext").get("http").isObject()
        || o.has("type")) {
      return Optional.empty();
    }
    Optional<String> domain = o.get("requestContext").get("domainName").optString();
    String kind = domain.isPresent() && domain.get().contains(".lambda-url.") ? URL_KIND : KIND;
    o = EventField.root(o.json(), RawEvent.AWS, kind);
    o = o.withEventId(o.get("requestContext").get("requestId").optText().orElse(null));
    String method = ProxyRequests.method(o.get("requestContext").get("http").get("method"));
    Headers.Builder h = ProxyRequests.headers(o);
    if (!h.contains("Host") && domain.isPresent()) {
      // requestContext.domainName describes the API, not the client's request: it must still be a
      // Host the request can carry (normalised, or the event is refused saying so)
      h.add(
          "Host",
          SendableRequests.host(domain.get(), o.describe() + ": requestContext.domainName"));
    }
    StringBuilder c = new StringBuilder();
    for (EventField cookie : o.get("cookies").elements()) {
      String v = cookie.optStringOrEmpty().orElse("");
      if (v.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
        throw cookie.invalid("has a control character");
      }
      if (!v.isEmpty()) {
        c.append(c.length() == 0 ? "" : "; ").append(v);
      }
    }
    if (c.length() > 0) {
      h.set("Cookie", c.toString());
    }
    String query = o.get("rawQueryString").optString().orElse(null);
    AppRequest request =
        AppRequest.builder(
                method, ProxyRequests.path(o.get("rawPath").optStringOrEmpty().orElse("")))
            .query(query == null ? null : ProxyRequests.raw(query))
            .headers(h.build())
            .body(ProxyRequests.body(o))
            .build();
    return Optional.of(ApiGatewayV1Classifier.http(raw, kind, LambdaReply.API_GATEWAY_V2, request));
  }
}
