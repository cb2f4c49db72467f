package io.github.cloudeventshandler.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.RequestAttributes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The check every builder test makes: the built event reached the application as the recorded one
 * of a corpus case does — the same number of requests, each with the sidecar's method, path, kind
 * (when the sidecar names it) and exactly its CloudEvent attributes ({@code ce-*} headers,
 * percent-decoded once).
 */
final class Recorded {
  private Recorded() {}

  /** The expected side of {@code caseId} (its first scenario when it has several). */
  static JsonObject expected(String caseId) {
    ConformanceCase c = ConformanceCorpus.get(caseId).scenarios().get(0);
    return c.expected();
  }

  static void assertDeliveredAsRecorded(PlatformReply reply, String caseId) {
    JsonObject expected = expected(caseId);
    String kind =
        expected.has("classification")
            ? expected.getAsJsonObject("classification").get("kind").getAsString()
            : null;
    var requests = expected.getAsJsonArray("requests");
    assertThat(reply.requests()).as("requests of %s", reply).hasSize(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      JsonObject want = requests.get(i).getAsJsonObject();
      AppRequest got = reply.requests().get(i);
      assertThat(got.method()).as("method %d", i).isEqualTo(want.get("method").getAsString());
      assertThat(got.path()).as("path %d", i).isEqualTo(want.get("path").getAsString());
      if (kind != null) {
        assertThat(got.attributes().get(RequestAttributes.KIND)).as("kind %d", i).isEqualTo(kind);
      }
      if (want.has("ce")) {
        Map<String, String> ce = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : want.getAsJsonObject("ce").entrySet()) {
          ce.put(e.getKey(), e.getValue().getAsString());
        }
        assertThat(ceAttributes(got)).as("ce attributes %d of %s", i, reply).isEqualTo(ce);
      }
    }
  }

  /** The {@code ce-*} headers of a request: names without the prefix, values decoded once. */
  static Map<String, String> ceAttributes(AppRequest r) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> f : r.headers().fields()) {
      String name = f.getKey().toLowerCase(java.util.Locale.ROOT);
      if (name.startsWith("ce-")) {
        out.put(name.substring(3), percentDecode(f.getValue()));
      }
    }
    return out;
  }

  private static String percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '%' && i + 2 < b.length) {
        out.write(Integer.parseInt(new String(b, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        out.write(b[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
