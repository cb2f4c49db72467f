package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * Reads one HTTP/1.1 response with Jetty's own {@link HttpParser}: {@code Content-Length}, chunked
 * and EOF-delimited bodies, repeated fields kept in order (every {@code Set-Cookie}), interim 1xx
 * responses skipped. Framing fields ({@code Transfer-Encoding}, {@code Connection}, {@code
 * Keep-Alive}) are not part of the {@link AppResponse}. Not thread-safe: one per exchange.
 */
public final class ResponseReader implements HttpParser.ResponseHandler {
  private static final Set<String> FRAMING =
      Set.of("transfer-encoding", "connection", "keep-alive");

  private final HttpParser parser;
  private int status;
  private Headers.Builder headers = Headers.builder();
  private byte[] body = new byte[0];
  private int bodyLength;
  private boolean complete;
  private boolean interim;
  private boolean close;
  private String failure;

  /** A reader for the response to a request with that method ({@code HEAD} has no body). */
  public ResponseReader(String method) {
    this.parser = new HttpParser(this);
    parser.setHeadResponse("HEAD".equalsIgnoreCase(method));
  }

  /**
   * Parses as much of the buffer as belongs to this response.
   *
   * @return true when the response is complete (bytes left in the buffer are not part of it)
   */
  public boolean parse(ByteBuffer bytes) {
    while (!complete && failure == null && bytes.hasRemaining()) {
      int before = bytes.remaining();
      parser.parseNext(bytes);
      if (interim) {
        // an interim response (103 Early Hints, ...): the final one follows on the same connection
        interim = false;
        headers = Headers.builder();
        bodyLength = 0;
        close = false;
        parser.reset();
        continue;
      }
      if (!complete && failure == null && bytes.remaining() == before) {
        break;
      }
    }
    return complete;
  }

  /** The connection ended: completes an EOF-delimited body, or records a truncated response. */
  public boolean endOfInput() {
    if (!complete && failure == null) {
      parser.atEOF();
      parser.parseNext(ByteBuffer.allocate(0));
    }
    return complete;
  }

  /** Whether a complete response was read. */
  public boolean isComplete() {
    return complete;
  }

  /** Why the response could not be read, or null. */
  public String failure() {
    return failure;
  }

  /** Whether the connection may carry another request after this response. */
  public boolean isReusable() {
    return complete && status != 101 && !close && !parser.isClose() && failure == null;
  }

  /** The response; only after {@link #isComplete()}. */
  public AppResponse response() {
    return new AppResponse(status, headers.build(), Arrays.copyOf(body, bodyLength));
  }

  @Override
  public void startResponse(HttpVersion version, int status, String reason) {
    this.status = status;
  }

  @Override
  public void parsedHeader(HttpField field) {
    String lower = field.getLowerCaseName();
    if ("connection".equals(lower)
        && field.getValue() != null
        && field.getValue().toLowerCase(Locale.ROOT).contains("close")) {
      close = true;
    }
    if (!FRAMING.contains(lower)) {
      headers.add(field.getName(), field.getValue() == null ? "" : field.getValue());
    }
  }

  @Override
  public boolean headerComplete() {
    return false;
  }

  @Override
  public boolean content(ByteBuffer item) {
    int n = item.remaining();
    if (bodyLength + n > body.length) {
      body = Arrays.copyOf(body, Math.max(bodyLength + n, Math.max(256, body.length * 2)));
    }
    item.get(body, bodyLength, n);
    bodyLength += n;
    return false;
  }

  @Override
  public boolean contentComplete() {
    return false;
  }

  @Override
  public boolean messageComplete() {
    if (status >= 100 && status < 200 && status != 101) {
      interim = true;
      return true;
    }
    complete = true;
    return true;
  }

  @Override
  public void earlyEOF() {
    failure = "the connection ended before the response was complete";
  }

  @Override
  public void badMessage(HttpException failure) {
    this.failure = "the response is not valid HTTP/1.1: " + failure.getReason();
  }
}
