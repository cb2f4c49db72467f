package io.github.cloudeventshandler.runner;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sits between the entry points and the application and notes, per thread, each request and the
 * application's answer, so the runner can print what the app said even when the entry point itself
 * returns nothing (GCP CloudEvents functions, Azure triggers). Entry points call the application on
 * the thread that invoked them, so one delivery's exchanges are those noted on its thread between
 * {@link #begin()} and {@link #end()}.
 */
final class AnswerLog implements Application {
  /** One request to the application and its answer (null when the call threw). */
  record Exchange(AppRequest request, AppResponse response, String error) {}

  private final Application application;
  private final ThreadLocal<List<Exchange>> current = new ThreadLocal<>();

  AnswerLog(Application application) {
    this.application = Objects.requireNonNull(application, "application");
  }

  void begin() {
    current.set(new ArrayList<>());
  }

  List<Exchange> end() {
    List<Exchange> out = current.get();
    current.remove();
    return out == null ? List.of() : List.copyOf(out);
  }

  @Override
  public AppResponse call(AppRequest request) {
    List<Exchange> log = current.get();
    if (request.statusOnly()) {
      // the platform would only use the status, but the runner shows the developer the body too
      request = request.toBuilder().maxResponseBytes(AppRequest.DEFAULT_MAX_RESPONSE_BYTES).build();
    }
    try {
      AppResponse response = application.call(request);
      if (log != null) {
        log.add(new Exchange(request, response, null));
      }
      return response;
    } catch (RuntimeException e) {
      if (log != null) {
        log.add(new Exchange(request, null, e.toString()));
      }
      throw e;
    }
  }
}
