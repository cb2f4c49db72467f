package io.github.cloudeventshandler.benchmarks.echo;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;

/**
 * The Spring Boot 4 app of the side-by-side harness, one jar run unchanged by both handlers:
 * aws-serverless-java-container's {@code SpringBootLambdaContainerHandler} (A) and the zero-code
 * {@code LambdaHandler} with {@code CEH_APPLICATION} naming this class (B). It has no embedded
 * server and no {@code main}: each handler brings its own container.
 */
@SpringBootApplication
public class EchoApp extends SpringBootServletInitializer {
  /** For the servlet container. */
  public EchoApp() {}

  @Override
  protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
    return builder.sources(EchoApp.class);
  }
}
