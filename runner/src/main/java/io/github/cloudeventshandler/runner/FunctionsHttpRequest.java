package io.github.cloudeventshandler.runner;

import com.google.cloud.functions.HttpRequest;
import io.github.cloudeventshandler.core.Headers;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Functions Framework {@link HttpRequest} the runner hands to {@code HttpEntryPoint}: an
 * in-memory request line, headers (case-insensitive names, as the invoker's) and body. Multipart
 * parts are not parsed ({@link #getParts()} is empty).
 */
final class FunctionsHttpRequest implements HttpRequest {
  private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset=\"?([^\";]+)\"?");

  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  FunctionsHttpRequest(String method, String path, String query, Headers headers, byte[] body) {
    this.method = method;
    this.path = path;
    this.query = query;
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> f : headers.fields()) {
      h.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue());
    }
    h.replaceAll((k, v) -> List.copyOf(v));
    this.headers = Collections.unmodifiableMap(h);
    this.body = body.clone();
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getUri() {
    String host = getFirstHeader("Host").orElse("localhost");
    return "http://" + host + path + (query == null ? "" : "?" + query);
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
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return out;
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
    return getContentType().map(CHARSET::matcher).filter(Matcher::find).map(m -> m.group(1).trim());
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public BufferedReader getReader() {
    Charset cs =
        getCharacterEncoding()
            .filter(Charset::isSupported)
            .map(Charset::forName)
            .orElse(StandardCharsets.UTF_8);
    return new BufferedReader(new InputStreamReader(getInputStream(), cs));
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }
}
