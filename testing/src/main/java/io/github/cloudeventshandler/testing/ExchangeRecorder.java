package io.github.cloudeventshandler.testing;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The application as the entry points see it: every request goes to the real one, and while a
 * delivery runs on a thread ({@link #record(Delivery)}), its requests and answers are noted for
 * that delivery only. The entry points call the application on the thread that delivers the event,
 * so deliveries running at once on other threads keep their own exchanges.
 */
final class ExchangeRecorder implements Application {
  private final Application target;
  private final ThreadLocal<List<PlatformReply.Exchange>> current = new ThreadLocal<>();

  ExchangeRecorder(Application target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  /** One delivery through an entry point. */
  @FunctionalInterface
  interface Delivery<T> {
    T run() throws Exception;
  }

  /**
   * What a delivery returned or threw, and the exchanges it caused.
   *
   * @param value what it returned (null when it threw)
   * @param thrown what it threw, or null
   */
  record Outcome<T>(T value, Exception thrown, List<PlatformReply.Exchange> exchanges) {}

  /** Runs {@code delivery}, noting the application's exchanges; errors are not caught. */
  <T> Outcome<T> record(Delivery<T> delivery) {
    List<PlatformReply.Exchange> previous = current.get();
    List<PlatformReply.Exchange> exchanges = new ArrayList<>();
    current.set(exchanges);
    try {
      T value = delivery.run();
      return new Outcome<>(value, null, List.copyOf(exchanges));
    } catch (Exception e) {
      return new Outcome<>(null, e, List.copyOf(exchanges));
    } finally {
      if (previous == null) {
        current.remove();
      } else {
        current.set(previous);
      }
    }
  }

  @Override
  public AppResponse call(AppRequest request) {
    List<PlatformReply.Exchange> sink = current.get();
    AppResponse response;
    try {
      response = target.call(request);
    } catch (RuntimeException e) {
      if (sink != null) {
        sink.add(new PlatformReply.Exchange(request, null, e));
      }
      throw e;
    }
    if (sink != null) {
      sink.add(new PlatformReply.Exchange(request, response, null));
    }
    return response;
  }
}
