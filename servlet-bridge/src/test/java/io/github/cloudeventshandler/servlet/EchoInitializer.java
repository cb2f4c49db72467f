package io.github.cloudeventshandler.servlet;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/** A test application that is a {@link ServletContainerInitializer}. */
public class EchoInitializer implements ServletContainerInitializer {
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    context.addServlet("echo", EchoServlet.class).addMapping("/");
    context.setAttribute("installedBy", "EchoInitializer");
  }
}
