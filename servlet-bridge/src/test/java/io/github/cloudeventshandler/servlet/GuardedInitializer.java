package io.github.cloudeventshandler.servlet;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * A test application: {@link EchoServlet} everywhere; {@link PlatformEventFilter} on {@code
 * /aws.s3} (any kind), on {@code /orders} (kind {@code cloudevents} only), on {@code /s3-only}
 * (kind {@code aws.s3} only) and, registered by class name with the {@code kinds} init parameter,
 * on {@code /by-name} (kinds {@code aws.s3} and {@code cloudevents}).
 */
public class GuardedInitializer implements ServletContainerInitializer {
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    context.addServlet("echo", EchoServlet.class).addMapping("/");
    context
        .addFilter("platformEvents", new PlatformEventFilter())
        .addMappingForUrlPatterns(null, false, "/aws.s3");
    context
        .addFilter("orderEvents", PlatformEventFilter.forKinds("cloudevents"))
        .addMappingForUrlPatterns(null, false, "/orders");
    context
        .addFilter("s3Events", PlatformEventFilter.forKinds("aws.s3"))
        .addMappingForUrlPatterns(null, false, "/s3-only");
    FilterRegistration.Dynamic byName = context.addFilter("byName", PlatformEventFilter.class);
    byName.setInitParameter(PlatformEventFilter.KINDS, "aws.s3, cloudevents");
    byName.addMappingForUrlPatterns(null, false, "/by-name");
  }
}
