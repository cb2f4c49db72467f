package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.classifier.StandardReply;
import java.util.List;
import java.util.Optional;

/**
 * Any other request through the Azure HTTP trigger: passed to the application as the HTTP request
 * it is (method, raw path, raw query, headers, body). Asked last, after every event source.
 */
public final class AzureHttpClassifier implements EventClassifier {
  /** The kind of plain HTTP requests. */
  public static final String KIND = "azure.http";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    if (!RawEvent.AZURE.equals(raw.provider()) || raw.method().isEmpty()) {
      return Optional.empty();
    }
    AppRequest request =
        AppRequest.builder(raw.method().get(), raw.path().orElse("/"))
            .query(raw.query().orElse(null))
            .headers(raw.headers())
            .body(raw.body())
            .build();
    return Optional.of(
        new ClassifiedEvent(
            RawEvent.AZURE,
            KIND,
            Delivery.ALL_OR_NOTHING,
            StandardReply.HTTP,
            List.of(EventRecord.http(request.path(), null, request)),
            new Payload(raw.contentType().orElse("application/octet-stream"), raw.body())));
  }

  @Override
  public int priority() {
    return Integer.MAX_VALUE;
  }
}
