package io.github.cloudeventshandler.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.SendableRequests;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code CEH_REQUEST_DEFAULTS}: values merged into every event request, the analogue of the Python
 * ancestor's {@code WSGI_ENVIRON}. The method and path prefix apply to event requests (not to HTTP
 * requests passed through); each default header is added to every request that does not already
 * carry a field of that name, so what the event says wins over a default.
 *
 * <pre>{@code
 * CEH_REQUEST_DEFAULTS={"method":"PUT","pathPrefix":"/events","headers":{"X-Api-Key":"k"}}
 * }</pre>
 *
 * @param method the method for event requests, default {@code POST}
 * @param pathPrefix prepended to every event route, {@code ""} or a path like {@code /events}
 * @param headers default header fields (values are trimmed of surrounding spaces and tabs)
 */
public record RequestDefaults(String method, String pathPrefix, Headers headers) {
  /** {@code POST}, no prefix, no headers. */
  public static final RequestDefaults NONE = new RequestDefaults("POST", "", Headers.empty());

  private static final Set<String> NEVER_DEFAULTED =
      Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "expect");

  /** Validates. */
  public RequestDefaults {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    Objects.requireNonNull(headers, "headers");
    if (!method.matches("[A-Z]{1,16}")) {
      throw new ConfigurationException(
          "CEH_REQUEST_DEFAULTS: method must be an upper-case HTTP method, not '" + method + "'");
    }
    if (!pathPrefix.isEmpty()
        && (!pathPrefix.startsWith("/")
            || pathPrefix.endsWith("/")
            || pathPrefix.contains("//")
            || pathPrefix.contains("/../")
            || pathPrefix.contains("/./")
            || pathPrefix.endsWith("/..")
            || pathPrefix.endsWith("/.")
            || !pathPrefix.matches("[A-Za-z0-9._~!$&'()*+,;=:@%/-]+"))) {
      throw new ConfigurationException(
          "CEH_REQUEST_DEFAULTS: pathPrefix must look like '/events' (leading '/', no trailing"
              + " '/', no dot segments), not '"
              + pathPrefix
              + "'");
    }
    Headers.Builder trimmed = Headers.builder();
    for (Map.Entry<String, String> f : headers.fields()) {
      String name = f.getKey();
      if (NEVER_DEFAULTED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new ConfigurationException(
            "CEH_REQUEST_DEFAULTS: header '"
                + name
                + "' is set by the bridge and cannot be defaulted");
      }
      if (name.toLowerCase(Locale.ROOT).startsWith("ce-")) {
        throw new ConfigurationException(
            "CEH_REQUEST_DEFAULTS: header '"
                + name
                + "' is a CloudEvents attribute; only the event itself sets ce-* headers");
      }
      if (!Headers.isToken(name)) {
        throw new ConfigurationException(
            "CEH_REQUEST_DEFAULTS: '" + name + "' is not a valid header name");
      }
      if (SendableRequests.controlCharacterAt(f.getValue()) >= 0) {
        throw new ConfigurationException(
            "CEH_REQUEST_DEFAULTS: header '" + name + "' has a control character in its value");
      }
      // as every header value the library sends: the value the application gets (F18)
      trimmed.add(name, SendableRequests.trimmed(f.getValue()));
    }
    headers = trimmed.build();
  }

  /**
   * Parses the JSON form: an object with optional {@code method}, {@code pathPrefix} and {@code
   * headers} (an object of names to a string or an array of strings).
   *
   * @throws ConfigurationException naming the key that is wrong
   */
  public static RequestDefaults parse(String json) {
    JsonObject o;
    try {
      o =
          StrictJson.parseObject(
              json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT, "CEH_REQUEST_DEFAULTS");
    } catch (BadEventException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    String method = "POST";
    String prefix = "";
    Headers.Builder headers = Headers.builder();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      JsonElement v = e.getValue();
      switch (e.getKey()) {
        case "method" -> method = string(v, "method");
        case "pathPrefix" -> prefix = string(v, "pathPrefix");
        case "headers" -> {
          if (!v.isJsonObject()) {
            throw new ConfigurationException("CEH_REQUEST_DEFAULTS: headers must be an object");
          }
          for (Map.Entry<String, JsonElement> h : v.getAsJsonObject().entrySet()) {
            if (h.getValue().isJsonArray()) {
              for (JsonElement item : h.getValue().getAsJsonArray()) {
                headers.add(h.getKey(), string(item, "headers." + h.getKey()));
              }
            } else {
              headers.add(h.getKey(), string(h.getValue(), "headers." + h.getKey()));
            }
          }
        }
        default ->
            throw new ConfigurationException(
                "CEH_REQUEST_DEFAULTS: unknown key '"
                    + e.getKey()
                    + "' (known: method, pathPrefix, headers)");
      }
    }
    return new RequestDefaults(method, prefix, headers.build());
  }

  private static String string(JsonElement v, String key) {
    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
      throw new ConfigurationException("CEH_REQUEST_DEFAULTS: " + key + " must be a string");
    }
    return v.getAsString();
  }
}
