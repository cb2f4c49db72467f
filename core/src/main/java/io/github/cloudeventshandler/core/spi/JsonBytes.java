package io.github.cloudeventshandler.core.spi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON tree as compact UTF-8 bytes, byte for byte what {@code element.toString().getBytes(UTF_8)}
 * gives (gson's escaping: quote, backslash, the short control escapes, a six-character hexadecimal
 * escape for other control characters and for U+2028 and U+2029; numbers as their text; a lone
 * surrogate as {@code ?}), written straight into one byte array. Every record of a batch gets its
 * own payload, so this runs once per record; gson's writer goes through a {@code StringWriter} and
 * a second encoding pass. No recursion, so any depth the strict parser accepted is fine. Not part
 * of the public API.
 */
public final class JsonBytes {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int len;

  private JsonBytes(int capacity) {
    buf = new byte[Math.max(64, capacity)];
  }

  /** The most scratch space a thread keeps between calls. */
  private static final int KEPT = 16 * 1024;

  /**
   * Each thread's scratch buffer: a batch writes one payload per record, and growing a fresh buffer
   * 256 → 512 → 1024 → 2048 bytes for each allocated twice what it wrote. Only buffers of at most
   * {@link #KEPT} bytes are kept.
   */
  private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();

  private JsonBytes(byte[] buf) {
    this.buf = buf;
  }

  /** The compact UTF-8 JSON of {@code element}. */
  public static byte[] of(JsonElement element) {
    byte[] scratch = SCRATCH.get();
    JsonBytes out = scratch != null ? new JsonBytes(scratch) : new JsonBytes(256);
    SCRATCH.set(null); // a reentrant call (none today) gets its own buffer
    out.write(element);
    byte[] bytes = Arrays.copyOf(out.buf, out.len);
    if (out.buf.length <= KEPT) {
      SCRATCH.set(out.buf);
    }
    return bytes;
  }

  private void write(JsonElement root) {
    // each frame: an iterator over an object's entries or an array's elements
    Deque<Iterator<?>> stack = new ArrayDeque<>();
    Deque<Boolean> isObject = new ArrayDeque<>();
    JsonElement next = root;
    while (true) {
      if (next != null) {
        if (next.isJsonObject()) {
          byteOut('{');
          stack.push(((JsonObject) next).entrySet().iterator());
          isObject.push(Boolean.TRUE);
        } else if (next.isJsonArray()) {
          byteOut('[');
          stack.push(((JsonArray) next).iterator());
          isObject.push(Boolean.FALSE);
        } else if (next.isJsonNull()) {
          ascii("null");
        } else {
          primitive(next.getAsJsonPrimitive());
        }
        next = null;
      }
      if (stack.isEmpty()) {
        return;
      }
      Iterator<?> it = stack.peek();
      boolean object = isObject.peek();
      if (!it.hasNext()) {
        byteOut(object ? '}' : ']');
        stack.pop();
        isObject.pop();
        continue;
      }
      if (buf[len - 1] != '{' && buf[len - 1] != '[') {
        byteOut(',');
      }
      if (object) {
        @SuppressWarnings("unchecked")
        Map.Entry<String, JsonElement> e = (Map.Entry<String, JsonElement>) it.next();
        string(e.getKey());
        byteOut(':');
        next = e.getValue();
      } else {
        next = (JsonElement) it.next();
      }
      if (next == null) {
        next = JsonNull.INSTANCE;
      }
    }
  }

  private void primitive(JsonPrimitive p) {
    if (p.isString()) {
      string(p.getAsString());
    } else if (p.isBoolean()) {
      ascii(p.getAsBoolean() ? "true" : "false");
    } else {
      ascii(p.getAsNumber().toString());
    }
  }

  private void string(String s) {
    int n = s.length();
    ensure(n + 2); // room for every char as one byte; wider chars reserve their own below
    buf[len++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        buf[len++] = (byte) c;
        continue;
      }
      ensure(6 + (n - i)); // this char (at most six bytes) and the rest at one byte each, and '"'
      if (c < 0x80 || c == '\u2028' || c == '\u2029') {
        escape(c);
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        buf[len++] = '?'; // what String.getBytes(UTF_8) makes of a lone surrogate
      } else {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    buf[len++] = '"';
  }

  /** Gson's escape of {@code c}, at most six bytes; the caller reserved room. */
  private void escape(char c) {
    buf[len++] = '\\';
    switch (c) {
      case '"' -> buf[len++] = '"';
      case '\\' -> buf[len++] = '\\';
      case '\t' -> buf[len++] = 't';
      case '\b' -> buf[len++] = 'b';
      case '\n' -> buf[len++] = 'n';
      case '\r' -> buf[len++] = 'r';
      case '\f' -> buf[len++] = 'f';
      default -> {
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xF];
        buf[len++] = HEX[(c >> 8) & 0xF];
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
      }
    }
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void byteOut(char c) {
    ensure(1);
    buf[len++] = (byte) c;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
