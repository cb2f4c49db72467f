package io.github.cloudeventshandler.gcp.internal;

import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.util.function.Supplier;

/**
 * The servlet application of this function instance: started once, on first use, through {@link
 * ServletApplication#start(Configuration)} (embedded Jetty, {@code CEH_APPLICATION}), then shared
 * by every entry point in the instance and stopped by a shutdown hook.
 */
public final class SharedApplication {
  private static final Object LOCK = new Object();
  private static volatile ServletApplication started;

  private SharedApplication() {}

  /** A supplier that starts the shared application on its first call. */
  public static Supplier<Application> lazily(Configuration configuration) {
    return () -> get(configuration);
  }

  /**
   * The shared application, started on the first call with that call's configuration.
   *
   * @throws ConfigurationException when {@code CEH_APPLICATION} is missing or does not start
   */
  public static Application get(Configuration configuration) {
    ServletApplication app = started;
    if (app == null) {
      synchronized (LOCK) {
        app = started;
        if (app == null) {
          app = ServletApplication.start(configuration);
          ServletApplication stop = app;
          Runtime.getRuntime()
              .addShutdownHook(new Thread(stop::close, "cloud-events-handler-gcp-shutdown"));
          started = app;
        }
      }
    }
    return app;
  }
}
