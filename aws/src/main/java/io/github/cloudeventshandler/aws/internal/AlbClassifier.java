package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import java.util.Optional;

/**
 * Application Load Balancer target requests ({@code requestContext.elb}), in single- or multi-value
 * header mode. ALB passes the path and query parameters as the client sent them (still
 * percent-encoded), so they are kept as they are; headers come from {@code multiValueHeaders} when
 * the target group has multi-value headers on, else {@code headers}; the reply uses the same style.
 */
public final class AlbClassifier implements EventClassifier {
  static final String KIND = "aws.elb";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    EventField o = EventFields.root(raw, KIND).orElse(null);
    if (o == null
        || !o.get("requestContext").get("elb").isObject()
        || !o.get("httpMethod").isString()) {
      return Optional.empty();
    }
    o =
        o.withEventId(
            o.get("requestContext").get("elb").get("targetGroupArn").optString().orElse(null));
    AppRequest request =
        AppRequest.builder(
                ProxyRequests.method(o.get("httpMethod")),
                ProxyRequests.path(o.get("path").string()))
            .query(ProxyRequests.query(o, false))
            .headers(ProxyRequests.headers(o).build())
            .body(ProxyRequests.body(o))
            .build();
    return Optional.of(ApiGatewayV1Classifier.http(raw, KIND, LambdaReply.ALB, request));
  }
}
