package io.github.cloudeventshandler.azure;

import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/**
 * Starts the servlet application named by {@code CEH_APPLICATION} once, on first use, through the
 * servlet bridge's {@code ServletApplication.start(Configuration)}; later calls reuse it. A failed
 * start is not remembered: the next invocation tries again (and fails the same way when the
 * configuration is wrong).
 */
final class ServletApplicationHolder implements Supplier<Application> {
  private static final String BRIDGE = "io.github.cloudeventshandler.servlet.ServletApplication";

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
          a = start(configuration);
          started = a;
        }
      }
    }
    return a;
  }

  private static Application start(Configuration configuration) {
    try {
      Class<?> bridge =
          Class.forName(BRIDGE, true, ServletApplicationHolder.class.getClassLoader());
      Object app = bridge.getMethod("start", Configuration.class).invoke(null, configuration);
      return (Application) app;
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException(
          "the servlet bridge (cloud-events-handler-servlet-bridge) is not on the classpath", e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ConfigurationException("the servlet application did not start: " + e.getCause(), e);
    } catch (ReflectiveOperationException e) {
      throw new ConfigurationException("the servlet bridge cannot be started: " + e, e);
    }
  }
}
