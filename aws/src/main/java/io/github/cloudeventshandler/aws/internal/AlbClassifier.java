package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.RawEvent;
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
    if (!RawEvent.AWS.equals(raw.provider())
        || !raw.looksLikeJson()
        || !raw.json().isJsonObject()) {
      return Optional.empty();
    }
    JsonObject o = raw.json().getAsJsonObject();
    JsonObject elb = EventFields.object(EventFields.object(o, "requestContext"), "elb");
    if (elb == null || EventFields.string(o, "httpMethod") == null) {
      return Optional.empty();
    }
    String id = EventFields.string(elb, "targetGroupArn");
    String path = EventFields.require(EventFields.string(o, "path"), KIND, "path", id);
    AppRequest request =
        AppRequest.builder(
                ProxyRequests.method(EventFields.string(o, "httpMethod"), KIND, "httpMethod", id),
                ProxyRequests.path(path))
            .query(ProxyRequests.query(o, false))
            .headers(ProxyRequests.headers(o, KIND, id).build())
            .body(ProxyRequests.body(o, KIND, id))
            .build();
    return Optional.of(ApiGatewayV1Classifier.http(raw, KIND, LambdaReply.ALB, request));
  }
}
