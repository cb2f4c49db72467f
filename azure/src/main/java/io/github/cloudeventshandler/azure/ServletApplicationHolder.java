package io.github.cloudeventshandler.azure;

import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.util.function.Supplier;

/**
 * Starts the servlet application named by {@code CEH_APPLICATION} once, on first use, with {@link
 * ServletApplication#start(Configuration)}; later calls reuse it. A failed start is not remembered:
 * the next invocation tries again (and fails the same way while the configuration is wrong, with a
 * {@code ConfigurationException} naming the setting).
 */
final class ServletApplicationHolder implements Supplier<Application> {
  private final Configuration configuration;
  private volatile Application started;

  ServletApplicationHolder(Configuration configuration) {
    this.configuration = configuration;
  }

  @Override
  public Application get() {
    Application a = started;
    if (a == null) {
      synchronized (this) {
        a = started;
        if (a == null) {
          configuration.requireApplication();
          a = ServletApplication.start(configuration);
          started = a;
        }
      }
    }
    return a;
  }
}
