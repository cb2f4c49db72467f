package io.github.cloudeventshandler.servlet;

import jakarta.servlet.ServletContext;

/** What {@link TestModuleInitializer} handles: the test analogue of Spring's initializers. */
public interface TestModule {
  /** Registers the module's servlets. */
  void configure(ServletContext context);
}
