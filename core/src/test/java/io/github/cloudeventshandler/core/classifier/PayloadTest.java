package io.github.cloudeventshandler.core.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {

  /**
   * Fuzzing F20 (azure-http through Jetty): a Web PubSub request whose two {@code Content-Type}
   * headers the host joined into {@code application/json, } became an event request with that
   * {@code Content-Type}, which Jetty hands the servlet as {@code application/json,}.
   */
  @Test
  void theContentTypeIsTheHeaderValueWithoutSurroundingSpacesAndTabs() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    assertThat(new Payload("application/json, ", body).contentType())
        .isEqualTo("application/json,");
    assertThat(new Payload("\t text/plain; charset=utf-8 \t", body).contentType())
        .isEqualTo("text/plain; charset=utf-8");
    assertThat(new Payload(" ", body).contentType()).isEmpty();
    assertThat(new Payload("application/json", body))
        .isEqualTo(new Payload("application/json ", body));
  }

  @Test
  void theBytesAreCopiedInAndOut() {
    byte[] body = {1, 2};
    Payload p = new Payload("application/octet-stream", body);
    body[0] = 9;
    assertThat(p.bytes()).containsExactly(1, 2);
    p.bytes()[1] = 9;
    assertThat(p.bytes()).containsExactly(1, 2);
  }
}
