package io.github.cloudeventshandler.servlet;

import jakarta.servlet.ServletContext;

/** A test application started through {@link TestModuleInitializer}'s {@code @HandlesTypes}. */
public class ModuleApp implements TestModule {
  @Override
  public void configure(ServletContext context) {
    context.addServlet("echo", EchoServlet.class).addMapping("/");
  }
}
