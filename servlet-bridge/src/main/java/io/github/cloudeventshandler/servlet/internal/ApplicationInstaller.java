package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.ConfigurationException;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.annotation.HandlesTypes;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;

/**
 * Installs the application class into a servlet context, in this order: a {@link Servlet} is
 * registered on {@code /}; a {@link ServletContainerInitializer} is added as is; any other class is
 * handed to every {@code ServletContainerInitializer} found with {@link ServiceLoader} whose {@link
 * HandlesTypes} accepts it (how Spring's {@code SpringBootServletInitializer} apps start). No
 * classpath scanning: only the named class is passed to the initializer.
 */
public final class ApplicationInstaller {
  private ApplicationInstaller() {}

  /**
   * Loads a class by name with a class loader, without initializing it.
   *
   * @throws ConfigurationException when the class cannot be found or linked
   */
  public static Class<?> load(String className, ClassLoader loader) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException(
          "CEH_APPLICATION: application class "
              + className
              + " not found by class loader "
              + loader
              + "; name a jakarta.servlet.Servlet, a ServletContainerInitializer or a class a"
              + " ServletContainerInitializer accepts through @HandlesTypes",
          e);
    } catch (LinkageError e) {
      throw new ConfigurationException(
          "CEH_APPLICATION: application class " + className + " cannot be loaded: " + e, e);
    }
  }

  /**
   * Describes how the class was installed (for the start log line).
   *
   * @throws ConfigurationException when the class is neither a servlet nor an initializer and no
   *     initializer found with {@link ServiceLoader} handles it
   */
  public static String install(Class<?> app, ServletContextHandler context, ClassLoader loader) {
    if (Servlet.class.isAssignableFrom(app)) {
      ServletHolder holder = new ServletHolder(app.asSubclass(Servlet.class));
      holder.setInitOrder(1); // init() at start: fail fast instead of on the first event
      context.addServlet(holder, "/");
      return "servlet " + app.getName() + " on /";
    }
    if (ServletContainerInitializer.class.isAssignableFrom(app)) {
      context.addServletContainerInitializer(instantiate(app, ServletContainerInitializer.class));
      return "ServletContainerInitializer " + app.getName();
    }
    List<String> examined = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    try {
      for (ServletContainerInitializer sci :
          ServiceLoader.load(ServletContainerInitializer.class, loader)) {
        HandlesTypes handles = sci.getClass().getAnnotation(HandlesTypes.class);
        examined.add(
            sci.getClass().getName()
                + (handles == null
                    ? " (no @HandlesTypes)"
                    : " " + Arrays.toString(handles.value())));
        if (handles != null && accepts(handles.value(), app)) {
          context.addServletContainerInitializer(sci, app);
          accepted.add(sci.getClass().getName());
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException(
          "CEH_APPLICATION: cannot load the ServletContainerInitializers listed in"
              + " META-INF/services/jakarta.servlet.ServletContainerInitializer while looking for"
              + " one that handles "
              + app.getName()
              + ": "
              + e.getMessage(),
          e);
    }
    if (accepted.isEmpty()) {
      throw new ConfigurationException(
          "CEH_APPLICATION: "
              + app.getName()
              + " is not a jakarta.servlet.Servlet, not a ServletContainerInitializer, and no"
              + " ServletContainerInitializer found with ServiceLoader handles it through"
              + " @HandlesTypes (examined: "
              + (examined.isEmpty() ? "none on the classpath" : String.join(", ", examined))
              + "). A Spring Boot application must extend SpringBootServletInitializer");
    }
    return app.getName() + " through " + String.join(", ", accepted);
  }

  private static boolean accepts(Class<?>[] handledTypes, Class<?> app) {
    for (Class<?> type : handledTypes) {
      if (type.isAnnotation()) {
        if (app.isAnnotationPresent(type.asSubclass(Annotation.class))) {
          return true;
        }
      } else if (type.isAssignableFrom(app)) {
        return true;
      }
    }
    return false;
  }

  private static <T> T instantiate(Class<?> type, Class<T> as) {
    try {
      return as.cast(type.getDeclaredConstructor().newInstance());
    } catch (InvocationTargetException e) {
      throw new ConfigurationException(
          "CEH_APPLICATION: constructor of " + type.getName() + " failed: " + e.getCause(),
          e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new ConfigurationException(
          "CEH_APPLICATION: cannot instantiate "
              + type.getName()
              + " (it needs a public no-argument constructor): "
              + e,
          e);
    }
  }
}
