package io.github.cloudeventshandler.core;

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
}
