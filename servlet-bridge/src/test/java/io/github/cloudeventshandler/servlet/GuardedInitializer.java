package io.github.cloudeventshandler.servlet;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/** A test application: {@link EchoServlet} everywhere, {@link PlatformEventFilter} on /aws.s3. */
public class GuardedInitializer implements ServletContainerInitializer {
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    context.addServlet("echo", EchoServlet.class).addMapping("/");
    context
        .addFilter("platformEvents", new PlatformEventFilter())
        .addMappingForUrlPatterns(null, false, "/aws.s3");
  }
}
