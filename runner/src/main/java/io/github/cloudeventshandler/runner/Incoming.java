package io.github.cloudeventshandler.runner;

import io.github.cloudeventshandler.core.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded or received event before any entry point saw it: the bytes, how they arrived over
 * HTTP (when they did), the {@code CEH_*} settings that go with it, and, when already known (a
 * corpus sidecar, {@code --entry-point}), the entry point to use.
 *
 * @param label what to print for it (file path, corpus id, {@code POST /_ceh/events})
 * @param method the HTTP method, or null for bare bytes
 * @param path the raw HTTP path, or null
 * @param query the raw query, or null
 * @param headers transport headers (empty for bare bytes)
 * @param body the bytes
 * @param settings extra {@code CEH_*} settings (a corpus case's), laid over the runner's
 * @param entryPoint the entry point name ({@link EntryPoint}), or null to detect it
 */
record Incoming(
    String label,
    String method,
    String path,
    String query,
    Headers headers,
    byte[] body,
    Map<String, String> settings,
    EntryPoint entryPoint) {

  Incoming {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(headers, "headers");
    body = Objects.requireNonNull(body, "body").clone();
    settings = Map.copyOf(settings);
  }

  /** Bare bytes read from a file. */
  static Incoming bytes(String label, byte[] body) {
    return new Incoming(label, null, null, null, Headers.empty(), body, Map.of(), null);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  boolean isHttp() {
    return method != null;
  }

  Incoming withEntryPoint(EntryPoint e) {
    return new Incoming(label, method, path, query, headers, body, settings, e);
  }

  @Override
  public String toString() {
    return "Incoming[" + label + ", " + body.length + " bytes]";
  }
}
