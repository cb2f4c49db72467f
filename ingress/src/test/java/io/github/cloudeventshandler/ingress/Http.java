package io.github.cloudeventshandler.ingress;

import io.github.cloudeventshandler.core.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Real HTTP on loopback with {@code java.net.http}, bounded in time. */
final class Http {
  /** Headers {@code java.net.http} sets itself and refuses to be given. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private Http() {}

  static HttpResponse<String> send(
      int port, String method, String target, Headers headers, byte[] body) {
    return send(CLIENT, port, method, target, headers, body);
  }

  static HttpResponse<String> send(
      HttpClient client, int port, String method, String target, Headers headers, byte[] body) {
    try {
      return client.send(
          request(port, method, target, headers, body), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest request(int port, String method, String target, Headers headers, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, String> f : headers.fields()) {
      if (!RESTRICTED.contains(f.getKey().toLowerCase(java.util.Locale.ROOT))) {
        b.header(f.getKey(), f.getValue());
      }
    }
    return b.build();
  }

  static HttpResponse<String> get(int port, String path) {
    return send(port, "GET", path, Headers.empty(), new byte[0]);
  }

  static Headers headers(Map<String, List<String>> multi) {
    return Headers.of(multi);
  }
}
