package io.github.cloudeventshandler.gcp.it;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.gcp.PushAuthenticator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A minimal push endpoint for the invoker harness: verifies the push token with {@link
 * PushAuthenticator} configured from the process environment, records accepted deliveries and
 * answers 204, or answers the problem's status without recording. Proves the harness (process,
 * classpath, environment, readiness) and the authenticator inside the real invoker.
 */
public final class ProbeHttpFunction implements HttpFunction {
  private final PushAuthenticator auth =
      PushAuthenticator.fromConfiguration(Configuration.fromEnvironment());

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    List<String> authorization =
        request.getHeaders().entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
            .flatMap(e -> e.getValue().stream())
            .toList();
    try {
      auth.verifyHeaders(authorization);
    } catch (BadEventException e) {
      response.setStatusCode(e.problem().httpStatus());
      response.setContentType("text/plain; charset=utf-8");
      response.getWriter().write(e.problem().name());
      return;
    }
    String body;
    try (InputStream in = request.getInputStream()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Recorder.record("http " + request.getMethod() + " " + request.getPath() + " " + body);
    response.setStatusCode(204);
  }
}
