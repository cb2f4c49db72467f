package io.github.cloudeventshandler.servlet;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import java.util.Set;

/**
 * A test initializer listed in {@code META-INF/services}: like Spring's {@code
 * SpringServletContainerInitializer}, it instantiates the {@link TestModule}s it is handed.
 */
@HandlesTypes(TestModule.class)
public class TestModuleInitializer implements ServletContainerInitializer {
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
    if (classes == null) {
      return;
    }
    for (Class<?> type : classes) {
      try {
        ((TestModule) type.getDeclaredConstructor().newInstance()).configure(context);
      } catch (ReflectiveOperationException e) {
        throw new ServletException(e);
      }
    }
  }
}
