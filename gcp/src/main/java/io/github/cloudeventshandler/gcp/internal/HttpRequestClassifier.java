package io.github.cloudeventshandler.gcp.internal;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.gcp.GcpReply;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plain HTTP requests to a GCP HTTP function that are neither CloudEvents nor Pub/Sub pushes:
 * passed to the application as the request they are (method, raw path, query, headers, body), for
 * its own routes. Runs last. Hop-by-hop headers and {@code Host} / {@code Content-Length} are left
 * to the bridge.
 */
public final class HttpRequestClassifier implements EventClassifier {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "host",
          "content-length",
          "connection",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "proxy-connection");

  /** For {@link java.util.ServiceLoader}. */
  public HttpRequestClassifier() {}

  @Override
  public int priority() {
    return 10_000;
  }

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    if (!RawEvent.GCP.equals(raw.provider())
        || raw.method().isEmpty()
        || CloudEventReader.isCloudEvent(raw)
        || CloudEventReader.isBatch(raw)
        || PubSubPushClassifier.isPush(raw)) {
      return Optional.empty();
    }
    Headers.Builder headers = Headers.builder();
    for (Map.Entry<String, String> f : raw.headers().fields()) {
      if (!HOP_BY_HOP.contains(f.getKey().toLowerCase(Locale.ROOT))) {
        headers.add(f.getKey(), f.getValue());
      }
    }
    String path = raw.path().orElse("/");
    AppRequest request =
        AppRequest.builder(raw.method().get(), path.startsWith("/") ? path : "/" + path)
            .query(raw.query().orElse(null))
            .headers(headers.build())
            .body(raw.body())
            .build();
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            "http",
            Delivery.ALL_OR_NOTHING,
            GcpReply.HTTP,
            List.of(EventRecord.http(request.path(), null, request)),
            new Payload(raw.contentType().orElse("application/octet-stream"), raw.body())));
  }
}
