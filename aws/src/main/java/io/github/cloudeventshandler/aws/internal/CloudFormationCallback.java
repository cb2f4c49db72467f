package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.core.DispatchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends the one response document of a CloudFormation custom resource to its pre-signed {@code
 * ResponseURL}. Not part of the public API; tests pass their own to capture the PUT.
 */
@FunctionalInterface
public interface CloudFormationCallback {

  /**
   * PUTs the body.
   *
   * @throws DispatchException when the PUT fails or is not answered 2xx
   */
  void put(URI url, byte[] body, Duration timeout);

  /**
   * The real callback: one HTTP/1.1 PUT with the JDK client, an empty {@code Content-Type} (the URL
   * is signed without one) and a fixed {@code Content-Length}; no redirects, no retries.
   */
  static CloudFormationCallback http() {
    return (url, body, timeout) -> {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(timeout)
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("Content-Type", "")
              .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new DispatchException(
            "aws.cloudformation: the PUT to ResponseURL (" + hostOf(url) + ") failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DispatchException(
            "aws.cloudformation: interrupted during the PUT to ResponseURL", e);
      }
      if (response.statusCode() / 100 != 2) {
        throw new DispatchException(
            "aws.cloudformation: the PUT to ResponseURL ("
                + hostOf(url)
                + ") was answered "
                + response.statusCode()
                + ": "
                + abbreviate(response.body()));
      }
    };
  }

  /** The host only: a pre-signed URL's query is a credential and never goes into messages. */
  private static String hostOf(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
