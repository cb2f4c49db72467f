package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.servlet.ServletApplication;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Object names are data, one rule for S3 and Cloud Storage (docs/troubleshooting.md#unsafe-path):
 * an S3 key naming {@code ../}, {@code .}, {@code %} or a CR/LF is delivered, the route stays
 * {@code /aws.s3}, {@code ce-subject} carries the key decoded once (percent-encoded on the wire; a
 * control character, which a CloudEvents String cannot hold, percent-encoded in the attribute
 * itself by {@code AttributeValues.string}, as on every source) and the body the notification as S3
 * sent it. The recorded {@code s3-put-java-libs} event with its key replaced (S3 form-URL-encodes
 * keys in notifications), through {@link LambdaHandler} into a real servlet on the bridge.
 */
class S3KeysAreDataTest {
  private static final List<String[]> SEEN = new CopyOnWriteArrayList<>();
  private static ServletApplication bridge;

  /** Records the path, the subject header and the body's key. */
  public static final class KeyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      JsonObject body =
          JsonParser.parseString(
                  new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
              .getAsJsonObject();
      String key =
          body.getAsJsonArray("Records")
              .get(0)
              .getAsJsonObject()
              .getAsJsonObject("s3")
              .getAsJsonObject("object")
              .get("key")
              .getAsString();
      SEEN.add(new String[] {req.getRequestURI(), req.getHeader("ce-subject"), key});
      resp.setStatus(200);
    }
  }

  @BeforeAll
  static void start() {
    bridge = ServletApplication.start(KeyServlet.class, Configuration.builder().build());
  }

  @AfterAll
  static void stop() {
    bridge.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "a/../../etc/passwd",
        "./hidden",
        "..",
        "100%25+done",
        "a%0D%0AHost%3A+evil",
        "caf%C3%A9%2F%3F%23"
      })
  void everyKeyIsDelivered(String notified) throws IOException {
    String name = URLDecoder.decode(notified, StandardCharsets.UTF_8); // S3 form-encodes keys
    SEEN.clear();
    JsonObject event =
        JsonParser.parseString(ConformanceCorpus.get("aws/s3/s3-put-java-libs").inputText())
            .getAsJsonObject();
    JsonObject object =
        event
            .getAsJsonArray("Records")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("s3")
            .getAsJsonObject("object");
    object.addProperty("key", notified);
    object.remove("urlDecodedKey");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LambdaHandler(Configuration.builder().build(), bridge)
        .handleRequest(
            new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)),
            out,
            Lambda.context());
    assertThat(SEEN).hasSize(1);
    String[] seen = SEEN.get(0);
    assertThat(seen[0]).isEqualTo("/aws.s3");
    assertThat(URLDecoder.decode(seen[1].replace("+", "%2B"), StandardCharsets.UTF_8))
        .isEqualTo(AttributeValues.string(name));
    assertThat(seen[2]).isEqualTo(notified);
  }
}
