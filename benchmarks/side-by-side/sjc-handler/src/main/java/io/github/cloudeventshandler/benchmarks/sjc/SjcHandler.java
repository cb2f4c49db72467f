package io.github.cloudeventshandler.benchmarks.sjc;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A: a Spring Boot app behind aws-serverless-java-container, set up as its documentation does for
 * an HTTP API (payload 2.0): a static {@code SpringBootLambdaContainerHandler}, started when the
 * class initialises (Lambda's init phase), and {@code proxyStream} per invocation. The app class is
 * named by the environment variable {@code SJC_APPLICATION} (the harness sets it as it sets {@code
 * CEH_APPLICATION} for B), so one handler serves the echo app and the books sample.
 */
public final class SjcHandler implements RequestStreamHandler {
  /** The environment variable naming the {@code @SpringBootApplication} class. */
  public static final String APPLICATION = "SJC_APPLICATION";

  private static final SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse>
      HANDLER = start(System.getenv(APPLICATION));

  /** For the runtime. */
  public SjcHandler() {}

  private static SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> start(
      String application) {
    if (application == null || application.isBlank()) {
      throw new IllegalStateException(APPLICATION + " is not set: name the app class");
    }
    try {
      return SpringBootLambdaContainerHandler.getHttpApiV2ProxyHandler(Class.forName(application));
    } catch (ClassNotFoundException | ContainerInitializationException e) {
      throw new IllegalStateException(application + " did not start", e);
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    HANDLER.proxyStream(input, output, context);
  }
}
