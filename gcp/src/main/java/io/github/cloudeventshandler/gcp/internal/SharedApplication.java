package io.github.cloudeventshandler.gcp.internal;

import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/**
 * The servlet application of this function instance, started once, on first use, through the
 * servlet bridge ({@code io.github.cloudeventshandler.servlet.ServletApplication.start}), and then
 * shared by every entry point in the instance.
 *
 * <p>SEAM (until the servlet-bridge module is on main): the bridge is reached by reflection, so
 * this module compiles without it. When the bridge is absent the first event fails with a {@link
 * ConfigurationException} naming the missing artifact; nothing is faked.
 */
public final class SharedApplication {
  private static final String BRIDGE = "io.github.cloudeventshandler.servlet.ServletApplication";
  private static final Object LOCK = new Object();
  private static volatile Application started;

  private SharedApplication() {}

  /** A supplier that starts the shared application on its first call. */
  public static Supplier<Application> lazily(Configuration configuration) {
    return () -> get(configuration);
  }

  /**
   * The shared application, started on the first call with that call's configuration.
   *
   * @throws ConfigurationException when the bridge is missing or the application cannot start
   */
  public static Application get(Configuration configuration) {
    Application app = started;
    if (app == null) {
      synchronized (LOCK) {
        app = started;
        if (app == null) {
          app = start(configuration);
          started = app;
        }
      }
    }
    return app;
  }

  private static Application start(Configuration configuration) {
    configuration.requireApplication();
    Object app;
    try {
      Class<?> bridge = Class.forName(BRIDGE, true, SharedApplication.class.getClassLoader());
      app = bridge.getMethod("start", Configuration.class).invoke(null, configuration);
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException(
          "gcp: "
              + BRIDGE
              + " is not on the classpath; add io.github.cloudeventshandler:"
              + "cloud-events-handler-servlet-bridge to the function's dependencies",
          e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ConfigurationException(
          "gcp: the servlet application " + configuration.requireApplication() + " did not start",
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ConfigurationException("gcp: cannot call " + BRIDGE + ".start: " + e, e);
    }
    if (!(app instanceof Application a)) {
      throw new ConfigurationException(
          "gcp: " + BRIDGE + ".start returned " + app + ", not an Application");
    }
    return a;
  }
}
