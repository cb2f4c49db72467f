package io.github.cloudeventshandler.servlet;

import jakarta.servlet.ServletContext;

/** A test application whose startup fails, as a Spring app with a broken bean does. */
public class FailingModuleApp implements TestModule {
  @Override
  public void configure(ServletContext context) {
    throw new IllegalStateException("bean creation failed on purpose");
  }
}
