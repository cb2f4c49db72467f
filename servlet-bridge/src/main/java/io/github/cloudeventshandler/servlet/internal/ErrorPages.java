package io.github.cloudeventshandler.servlet.internal;

import java.io.IOException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages without anything a public caller should not read: the status and its reason
 * phrase only — never the exception message, its causes, the servlet's name or a stack trace,
 * whether the error came from an exception in the application, a {@code sendError(status,
 * message)}, or Jetty refusing the request itself. Jetty logs the exception once at WARN (its
 * {@code writeError}) with the detail; the body says only what went wrong in HTTP terms.
 */
final class ErrorPages {
  private ErrorPages() {}

  /** For errors inside the servlet context: exceptions, {@code sendError}. */
  static org.eclipse.jetty.ee11.servlet.ErrorHandler servlet() {
    org.eclipse.jetty.ee11.servlet.ErrorHandler h =
        new org.eclipse.jetty.ee11.servlet.ErrorHandler() {
          @Override
          protected void generateResponse(
              Request request,
              Response response,
              int code,
              String message,
              Throwable cause,
              Callback callback)
              throws IOException {
            super.generateResponse(
                request, response, code, HttpStatus.getMessage(code), null, callback);
          }
        };
    generic(h);
    return h;
  }

  /** For errors before the servlet context: a request Jetty refuses (400, 414, 431). */
  static ErrorHandler server() {
    ErrorHandler h =
        new ErrorHandler() {
          @Override
          protected void generateResponse(
              Request request,
              Response response,
              int code,
              String message,
              Throwable cause,
              Callback callback)
              throws IOException {
            super.generateResponse(
                request, response, code, HttpStatus.getMessage(code), null, callback);
          }
        };
    generic(h);
    return h;
  }

  private static void generic(ErrorHandler h) {
    h.setShowStacks(false);
    h.setShowCauses(false);
    h.setShowMessageInTitle(false);
    h.setShowOrigin(false);
  }
}
