package io.github.cloudeventshandler.idempotency;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * How {@link IdempotencyFilter} finds a request's key. A request that is not an event (no
 * CloudEvent attribute, no binary-mode {@code ce-*} headers, not marked as a platform event) has
 * none, and the filter leaves it alone.
 */
interface KeyRule {
  /** A request's key, and the request to pass on (the body-field rule has read the body). */
  record Keyed(IdempotencyKey key, HttpServletRequest request) {}

  /**
   * The key, or null when the request is not an event.
   *
   * @throws BadEventException when the request is an event but the key cannot be read from it
   */
  Keyed key(HttpServletRequest request, String route) throws IOException;

  /**
   * CloudEvent {@code source} + {@code id}: from the bridge's {@link RequestAttributes#CLOUD_EVENT}
   * attribute, else from binary-mode {@code ce-source} / {@code ce-id} headers (next to {@code
   * ce-specversion}). Attribute values are percent-encoded and truncated as the bridge writes them
   * into the headers, so both ways give the same key for the same event.
   */
  static KeyRule cloudEvent() {
    return (request, route) -> {
      if (request.getAttribute(RequestAttributes.CLOUD_EVENT) instanceof CloudEvent e) {
        return new Keyed(
            new IdempotencyKey(
                route,
                CloudEventHeaders.headerValue(e.getSource().toString()),
                CloudEventHeaders.headerValue(e.getId())),
            request);
      }
      String source = request.getHeader("ce-source");
      String id = request.getHeader("ce-id");
      if (request.getHeader("ce-specversion") != null && source != null && id != null) {
        return new Keyed(new IdempotencyKey(route, source, id), request);
      }
      return null;
    };
  }

  /**
   * The text of one scalar field of the JSON body, found by an RFC 6901 JSON pointer, on requests
   * that are events. The body is read once (at most {@link JsonLimits#DEFAULT}'s 6 MB) and handed
   * on to the app unchanged.
   */
  static KeyRule bodyField(String pointer) {
    JsonPointer path = JsonPointer.parse(pointer);
    String scope = "body:" + pointer;
    return (request, route) -> {
      if (!isEvent(request)) {
        return null;
      }
      byte[] body;
      try (InputStream in = request.getInputStream()) {
        body = in.readNBytes(JsonLimits.DEFAULT.maxBytes() + 1);
      }
      var tree = StrictJson.parse(body, JsonLimits.DEFAULT, "idempotency key body");
      String value =
          path.scalarText(tree)
              .orElseThrow(
                  () ->
                      new BadEventException(
                          Problem.MISSING_FIELD,
                          "idempotency key: the body of "
                              + request.getMethod()
                              + " "
                              + route
                              + " has no string, number or boolean at "
                              + pointer));
      return new Keyed(
          new IdempotencyKey(route, scope, value), new CachedBodyRequest(request, body));
    };
  }

  /** An event request: made by the bridge from an event, or a binary-mode CloudEvent. */
  private static boolean isEvent(HttpServletRequest request) {
    return request.getAttribute(RequestAttributes.CLOUD_EVENT) != null
        || Boolean.TRUE.equals(request.getAttribute(RequestAttributes.PLATFORM_EVENT))
        || request.getHeader("ce-specversion") != null;
  }
}
