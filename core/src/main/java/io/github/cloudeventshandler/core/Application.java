package io.github.cloudeventshandler.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The application events are delivered to: the Java analogue of a WSGI application. The servlet
 * bridge implements it by running a servlet app on embedded Jetty; tests implement it with a
 * lambda.
 *
 * <pre>{@code
 * Application app = request -> AppResponse.of(204);
 * }</pre>
 *
 * <p>Failure contract: an application answers every request with a response. An exception thrown
 * here (the bridge could not deliver the request, it timed out) fails the record it was called for;
 * it never loses it.
 */
@FunctionalInterface
public interface Application {
  /** Handles one request. Implementations must be safe to call from many threads at once. */
  AppResponse call(AppRequest request);

  /**
   * This application, except that requests reach it without {@link
   * RequestAttributes#PLATFORM_EVENT}: for events that arrived over an HTTP endpoint anyone could
   * call and that the entry point could not verify (a CloudEvent or Event Grid delivery posted to a
   * public URL), so the app's event-route guard treats them as the plain HTTP requests they may be.
   */
  static Application unverified(Application application) {
    Objects.requireNonNull(application, "application");
    return request -> {
      if (!request.attributes().containsKey(RequestAttributes.PLATFORM_EVENT)) {
        return application.call(request);
      }
      Map<String, Object> attributes = new LinkedHashMap<>(request.attributes());
      attributes.remove(RequestAttributes.PLATFORM_EVENT);
      return application.call(
          new AppRequest(
              request.method(),
              request.path(),
              request.query(),
              request.headers(),
              request.body(),
              attributes,
              request.timeout(),
              request.maxResponseBytes()));
    };
  }
}
