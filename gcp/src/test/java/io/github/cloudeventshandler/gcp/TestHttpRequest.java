package io.github.cloudeventshandler.gcp;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A Functions Framework {@link HttpRequest} backed by maps, as the invoker would build it. */
final class TestHttpRequest implements HttpRequest {
  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final byte[] body;

  TestHttpRequest(String method, String path, String query, byte[] body) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.body = body.clone();
  }

  static TestHttpRequest post(String path, byte[] body) {
    return new TestHttpRequest("POST", path, null, body);
  }

  TestHttpRequest header(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getUri() {
    return "http://localhost:8080" + path + (query == null ? "" : "?" + query);
  }

  @Override
  public String getPath() {
    return path;
  }

  @Override
  public Optional<String> getQuery() {
    return Optional.ofNullable(query);
  }

  @Override
  public Map<String, List<String>> getQueryParameters() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        m.computeIfAbsent(k, x -> new ArrayList<>()).add(eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return m;
  }

  @Override
  public Map<String, HttpPart> getParts() {
    return Map.of();
  }

  @Override
  public Optional<String> getContentType() {
    return getFirstHeader("Content-Type");
  }

  @Override
  public long getContentLength() {
    return body.length;
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    return Optional.empty();
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }
}
