package io.github.cloudeventshandler.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Jetty's HTTP parser reading responses the way the dispatcher feeds it: in pieces. */
class ResponseReaderTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Feeds the response one byte at a time, as the worst split of output chunks. */
  private static ResponseReader readBytewise(String method, String raw) {
    ResponseReader reader = new ResponseReader(method);
    byte[] all = raw.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < all.length && !reader.isComplete(); i++) {
      reader.parse(ByteBuffer.wrap(all, i, 1));
    }
    return reader;
  }

  @Test
  void chunkedBodySplitAnywhereIsReassembled() {
    ResponseReader reader =
        readBytewise(
            "POST",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nSet-Cookie: a=1\r\n"
                + "Set-Cookie: b=2\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    assertThat(reader.isComplete()).isTrue();
    assertThat(reader.isReusable()).isTrue();
    AppResponse res = reader.response();
    assertThat(res.bodyText()).isEqualTo("abcde");
    assertThat(res.headers().all("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(res.headers().contains("Transfer-Encoding")).isFalse();
  }

  @Test
  void interimResponseIsSkipped() {
    ResponseReader reader = new ResponseReader("POST");
    boolean done =
        reader.parse(
            bytes(
                "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                    + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"));
    assertThat(done).isTrue();
    AppResponse res = reader.response();
    assertThat(res.status()).isEqualTo(201);
    assertThat(res.headers().contains("Link")).isFalse();
    assertThat(res.bodyText()).isEqualTo("ok");
  }

  @Test
  void eofDelimitedBodyCompletesAtEndOfInputAndIsNotReusable() {
    ResponseReader reader = new ResponseReader("GET");
    assertThat(reader.parse(bytes("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil eof")))
        .isFalse();
    assertThat(reader.endOfInput()).isTrue();
    assertThat(reader.response().bodyText()).isEqualTo("until eof");
    assertThat(reader.isReusable()).isFalse();
  }

  @Test
  void connectionCloseMakesTheEndpointNotReusable() {
    ResponseReader reader = new ResponseReader("GET");
    assertThat(
            reader.parse(
                bytes("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx")))
        .isTrue();
    assertThat(reader.isReusable()).isFalse();
    assertThat(reader.response().headers().contains("Connection")).isFalse();
  }

  @Test
  void truncatedResponseIsAFailureNotAResponse() {
    ResponseReader reader = new ResponseReader("GET");
    reader.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
    assertThat(reader.endOfInput()).isFalse();
    assertThat(reader.failure()).contains("before the response was complete");
  }

  @Test
  void headResponseHasNoBodyDespiteContentLength() {
    ResponseReader reader = new ResponseReader("HEAD");
    assertThat(reader.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"))).isTrue();
    assertThat(reader.response().bodyLength()).isZero();
    assertThat(reader.response().header("Content-Length")).contains("5");
  }

  @Test
  void garbageIsAFailure() {
    ResponseReader reader = new ResponseReader("GET");
    reader.parse(bytes("SMTP ready\r\n\r\n"));
    assertThat(reader.isComplete()).isFalse();
    assertThat(reader.failure()).isNotNull();
  }

  @Test
  void bytesAfterTheResponseAreLeftInTheBuffer() {
    ResponseReader reader = new ResponseReader("GET");
    ByteBuffer buffer = bytes("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n");
    assertThat(reader.parse(buffer)).isTrue();
    assertThat(buffer.hasRemaining()).isTrue();
    assertThat(reader.response().status()).isEqualTo(204);
  }
}
