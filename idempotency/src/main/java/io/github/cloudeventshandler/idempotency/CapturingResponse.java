package io.github.cloudeventshandler.idempotency;

import io.github.cloudeventshandler.core.Headers;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;

/**
 * The app's response, written through to the container as it is produced (nothing is held back),
 * with a copy of the first {@code limit} body bytes kept for the store. The writer encodes each
 * call's characters at once, without a buffer of its own, so nothing is left behind when the app
 * (or an async request) finishes without flushing it.
 */
final class CapturingResponse extends HttpServletResponseWrapper {
  /** Fields that describe one transfer, not the answer; never stored or replayed. */
  static final Set<String> NOT_STORED =
      Set.of(
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "date",
          "set-cookie",
          IdempotencyFilter.HEADER.toLowerCase(Locale.ROOT));

  private final int limit;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
  private boolean overflow;
  private TeeStream stream;
  private PrintWriter writer;

  CapturingResponse(HttpServletResponse response, int limit) {
    super(response);
    this.limit = limit;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (writer != null) {
      throw new IllegalStateException("getWriter() was called on this response");
    }
    return tee();
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      if (stream != null) {
        throw new IllegalStateException("getOutputStream() was called on this response");
      }
      // the encoding is fixed from here on, as a container's writer fixes it
      Charset charset = Charset.forName(getCharacterEncoding());
      setCharacterEncoding(charset.name());
      writer = new PrintWriter(new EncodingWriter(tee(), charset));
    }
    return writer;
  }

  private TeeStream tee() throws IOException {
    if (stream == null) {
      stream = new TeeStream(super.getOutputStream());
    }
    return stream;
  }

  @Override
  public void reset() {
    super.reset();
    copy.reset();
    overflow = false;
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    copy.reset();
    overflow = false;
  }

  /** The answer as it would be stored: the status, the fields worth replaying, the body copy. */
  StoredResponse answer() {
    Headers.Builder h = Headers.builder();
    for (String name : getHeaderNames()) {
      if (NOT_STORED.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : getHeaders(name)) {
        h.add(name, value);
      }
    }
    if (getContentType() != null && !h.contains("Content-Type")) {
      h.add("Content-Type", getContentType());
    }
    return StoredResponse.of(getStatus(), h.build(), overflow ? null : copy.toByteArray());
  }

  private void keep(byte[] b, int off, int len) {
    if (overflow) {
      return;
    }
    if (copy.size() + len > limit) {
      overflow = true;
      copy.reset();
      return;
    }
    copy.write(b, off, len);
  }

  private final class TeeStream extends ServletOutputStream {
    private final ServletOutputStream out;

    TeeStream(ServletOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      keep(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      keep(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    @Override
    public boolean isReady() {
      return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      out.setWriteListener(listener);
    }
  }

  /**
   * Encodes each write at once (a high surrogate at the end of one write waits for its pair), so
   * that no characters stay in a buffer the container does not know about.
   */
  private static final class EncodingWriter extends Writer {
    private final ServletOutputStream out;
    private final Charset charset;
    private char pendingHigh;

    EncodingWriter(ServletOutputStream out, Charset charset) {
      this.out = out;
      this.charset = charset;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      StringBuilder s = new StringBuilder(len + 1);
      if (pendingHigh != 0) {
        s.append(pendingHigh);
        pendingHigh = 0;
      }
      s.append(cbuf, off, len);
      if (Character.isHighSurrogate(s.charAt(s.length() - 1))) {
        pendingHigh = s.charAt(s.length() - 1);
        s.setLength(s.length() - 1);
      }
      byte[] bytes = s.toString().getBytes(charset);
      out.write(bytes, 0, bytes.length);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (pendingHigh != 0) {
        byte[] bytes = String.valueOf(pendingHigh).getBytes(charset);
        pendingHigh = 0;
        out.write(bytes, 0, bytes.length);
      }
      out.close();
    }
  }
}
