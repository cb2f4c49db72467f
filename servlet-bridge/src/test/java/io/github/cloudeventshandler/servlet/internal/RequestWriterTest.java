package io.github.cloudeventshandler.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact bytes of the HTTP/1.1 request the bridge writes. */
class RequestWriterTest {
  private static String text(ByteBuffer buffer) {
    return StandardCharsets.ISO_8859_1.decode(buffer).toString();
  }

  @Test
  void writesRequestLineHostHeadersTokenLengthAndBody() {
    AppRequest request =
        AppRequest.builder("POST", "/aws.sqs")
            .query("a=1")
            .header("ce-id", "1")
            .header("Content-Type", "application/json")
            .body("{}".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThat(text(RequestWriter.write(request, "tok.1")))
        .isEqualTo(
            "POST /aws.sqs?a=1 HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "ce-id: 1\r\n"
                + "Content-Type: application/json\r\n"
                + "CEH-Dispatch-Token: tok.1\r\n"
                + "Content-Length: 2\r\n"
                + "\r\n"
                + "{}");
  }

  @Test
  void dropsFramingAndHopByHopFieldsAndKeepsTheFirstHost() {
    AppRequest request =
        AppRequest.builder("GET", "/")
            .header("host", "example.com")
            .header("Host", "evil.example")
            .header("content-length", "7")
            .header("TRANSFER-ENCODING", "chunked")
            .header("Connection", "keep-alive")
            .header("Keep-Alive", "timeout=5")
            .header("Expect", "100-continue")
            .header("Upgrade", "websocket")
            .header("ceh-dispatch-token", "forged")
            .header("Set-Cookie", "a=1")
            .header("Set-Cookie", "b=2")
            .build();
    assertThat(text(RequestWriter.write(request, null)))
        .isEqualTo(
            "GET / HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "Set-Cookie: a=1\r\n"
                + "Set-Cookie: b=2\r\n"
                + "Content-Length: 0\r\n\r\n");
  }

  @Test
  void latin1ValuesAreOneByteEach() {
    AppRequest request = AppRequest.builder("GET", "/").header("X-Name", "caf\u00e9").build();
    ByteBuffer bytes = RequestWriter.write(request, null);
    byte[] all = new byte[bytes.remaining()];
    bytes.get(all);
    assertThat(new String(all, StandardCharsets.ISO_8859_1)).contains("X-Name: caf\u00e9\r\n");
    assertThat(all)
        .hasSize(
            "GET / HTTP/1.1\r\nHost: localhost\r\nX-Name: cafe\r\nContent-Length: 0\r\n\r\n"
                .length());
  }

  @Test
  void unsafeValuesNamesAndTargetsAreRejected() {
    for (String value : new String[] {"a\rb", "a\nb", "a\0b", "\u0100"}) {
      assertThatThrownBy(
              () ->
                  RequestWriter.write(
                      AppRequest.builder("GET", "/").header("X", value).build(), null))
          .isInstanceOf(BadEventException.class)
          .satisfies(
              e -> assertThat(((BadEventException) e).problem()).isEqualTo(Problem.UNSAFE_HEADER));
    }
    for (String name : new String[] {"", "a b", "a:b", "\u00e9"}) {
      assertThatThrownBy(
              () ->
                  RequestWriter.write(
                      AppRequest.builder("GET", "/").header(name, "v").build(), null))
          .isInstanceOf(BadEventException.class);
    }
    assertThatThrownBy(
            () ->
                RequestWriter.write(
                    AppRequest.builder("GET", "/").header("Host", "a\r\nb").build(), null))
        .isInstanceOf(BadEventException.class);
    for (String path : new String[] {"/a b", "/a\r\n", "/\u00e9", "/a\tb"}) {
      assertThatThrownBy(() -> RequestWriter.write(AppRequest.builder("GET", path).build(), null))
          .isInstanceOf(BadEventException.class)
          .satisfies(
              e -> assertThat(((BadEventException) e).problem()).isEqualTo(Problem.UNSAFE_PATH));
    }
    assertThatThrownBy(() -> RequestWriter.write(AppRequest.builder("", "/").build(), null))
        .isInstanceOf(BadEventException.class);
  }
}
