package io.github.cloudeventshandler.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The events the side-by-side harness ({@link SideBySide}) and {@link LambdaBenchmark} send: an
 * HTTP API (payload 2.0) request as API Gateway delivers it, and SQS batches built from the
 * recorded SQS message.
 */
final class HarnessEvents {
  /** The request body's length: a 1 KB JSON document. */
  static final int ECHO_BODY_BYTES = 1024;

  /**
   * The content type of {@code POST /echo}. With a charset, because aws-serverless-java-container
   * hands the app {@code application/json; charset=UTF-8} for a bare {@code application/json}
   * (Jetty hands the app what was sent): this way both apps see the same media type and charset.
   */
  static final String ECHO_CONTENT_TYPE = "application/json; charset=UTF-8";

  private static final String HOST = "abc123.execute-api.us-east-1.amazonaws.com";

  private HarnessEvents() {}

  /**
   * {@code POST /echo} with a 1,024-byte JSON body and nine headers, as an HTTP API delivers it.
   */
  static byte[] echo() {
    String empty = "{\"id\":\"bench\",\"items\":[1,2,3],\"pad\":\"\"}";
    String body =
        empty.replace("\"\"}", "\"" + "x".repeat(ECHO_BODY_BYTES - empty.length()) + "\"}");
    Map<String, String> headers = commonHeaders();
    headers.put("content-length", Integer.toString(body.length()));
    headers.put("content-type", ECHO_CONTENT_TYPE);
    return httpApi("POST", "/echo", headers, body);
  }

  /** {@code GET /books} with the headers of a browser's request, as an HTTP API delivers it. */
  static byte[] getBooks() {
    return httpApi("GET", "/books", commonHeaders(), null);
  }

  /** The seven headers every request carries (API Gateway adds the {@code x-} ones). */
  private static Map<String, String> commonHeaders() {
    Map<String, String> headers = new TreeMap<>();
    headers.put("accept", "application/json");
    headers.put("host", HOST);
    headers.put("user-agent", "side-by-side/1.0");
    headers.put("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793");
    headers.put("x-forwarded-for", "203.0.113.7");
    headers.put("x-forwarded-port", "443");
    headers.put("x-forwarded-proto", "https");
    return headers;
  }

  private static byte[] httpApi(
      String method, String path, Map<String, String> headers, String body) {
    JsonObject event = new JsonObject();
    event.addProperty("version", "2.0");
    event.addProperty("routeKey", method + " " + path);
    event.addProperty("rawPath", path);
    event.addProperty("rawQueryString", "");
    JsonObject h = new JsonObject();
    headers.forEach(h::addProperty);
    event.add("headers", h);
    JsonObject http = new JsonObject();
    http.addProperty("method", method);
    http.addProperty("path", path);
    http.addProperty("protocol", "HTTP/1.1");
    http.addProperty("sourceIp", "203.0.113.7");
    http.addProperty("userAgent", "side-by-side/1.0");
    JsonObject context = new JsonObject();
    context.addProperty("accountId", "123456789012");
    context.addProperty("apiId", "abc123");
    context.addProperty("domainName", HOST);
    context.addProperty("domainPrefix", "abc123");
    context.add("http", http);
    context.addProperty("requestId", "JKJaXmPLvHcESHA=");
    context.addProperty("routeKey", method + " " + path);
    context.addProperty("stage", "$default");
    context.addProperty("time", "06/Dec/2026:03:00:00 +0000");
    context.addProperty("timeEpoch", 1796526000000L);
    event.add("requestContext", context);
    if (body != null) {
      event.addProperty("body", body);
    }
    event.addProperty("isBase64Encoded", false);
    return event.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An SQS batch of {@code records} copies of the recorded message {@code aws/sqs/sqs-json-body},
   * message ids {@code message-0}, {@code message-1}, …; with {@code bodyBytes} ≥ 0 each body is
   * replaced by that many bytes of text (its record number, then padding).
   */
  static byte[] sqsBatch(int records, int bodyBytes) {
    String recorded = ConformanceCorpus.get("aws/sqs/sqs-json-body").inputText();
    JsonObject event = JsonParser.parseString(recorded).getAsJsonObject();
    JsonObject record = event.getAsJsonArray("Records").get(0).getAsJsonObject();
    JsonArray batch = new JsonArray();
    for (int i = 0; i < records; i++) {
      JsonObject r = record.deepCopy();
      r.addProperty("messageId", "message-" + i);
      if (bodyBytes >= 0) {
        String number = "record " + i + " ";
        r.addProperty(
            "body",
            number.length() >= bodyBytes
                ? number.substring(0, bodyBytes)
                : number + "x".repeat(bodyBytes - number.length()));
      }
      batch.add(r);
    }
    event.add("Records", batch);
    return event.toString().getBytes(StandardCharsets.UTF_8);
  }
}
