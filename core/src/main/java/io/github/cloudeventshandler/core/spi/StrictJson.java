package io.github.cloudeventshandler.core.spi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads untrusted JSON the way {@code docs/architecture.md}, "Security rules", requires: the size
 * cap is checked before parsing, gson runs in {@link Strictness#STRICT} mode (no comments, single
 * quotes, unquoted names or trailing garbage), nesting is bounded without recursion, duplicate keys
 * are rejected (gson's own tree silently keeps the last one), numbers keep their exact text, a
 * UTF-8 BOM is tolerated and invalid UTF-8 is rejected.
 *
 * <pre>{@code
 * JsonElement tree = StrictJson.parse(bytes, JsonLimits.DEFAULT, "aws event");
 * }</pre>
 */
public final class StrictJson {
  private StrictJson() {}

  /**
   * Parses one JSON value.
   *
   * @param bytes UTF-8 JSON, optionally starting with a BOM
   * @param limits the size and depth limits
   * @param what names the input in error messages, e.g. {@code "aws event"}
   * @return the tree; numbers are {@link LazilyParsedNumber} and keep their text
   * @throws BadEventException with {@link Problem#TOO_LARGE}, {@link Problem#MALFORMED_JSON},
   *     {@link Problem#TOO_DEEP} or {@link Problem#DUPLICATE_KEY}
   */
  public static JsonElement parse(byte[] bytes, JsonLimits limits, String what) {
    if (bytes.length > limits.maxBytes()) {
      throw new BadEventException(
          Problem.TOO_LARGE,
          what
              + ": body of "
              + bytes.length
              + " bytes is over the limit of "
              + limits.maxBytes()
              + " bytes");
    }
    int offset = hasBom(bytes) ? 3 : 0;
    try (JsonReader in = new JsonReader(reader(bytes, offset))) {
      in.setStrictness(Strictness.STRICT);
      in.setNestingLimit(limits.maxDepth() + 1);
      JsonElement tree = read(in, limits.maxDepth(), what);
      if (in.peek() != JsonToken.END_DOCUMENT) {
        throw new BadEventException(
            Problem.MALFORMED_JSON,
            what + ": unexpected data after the JSON value at " + where(in));
      }
      return tree;
    } catch (BadEventException e) {
      throw e;
    } catch (CharacterCodingException e) {
      throw new BadEventException(Problem.MALFORMED_JSON, what + ": body is not valid UTF-8", e);
    } catch (EOFException e) {
      throw new BadEventException(
          Problem.MALFORMED_JSON,
          what + ": JSON ends too early" + (bytes.length == offset ? " (empty body)" : ""),
          e);
    } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
      throw new BadEventException(
          Problem.MALFORMED_JSON, what + ": not valid JSON: " + reason(e), e);
    } catch (IOException e) {
      throw new BadEventException(
          Problem.MALFORMED_JSON, what + ": cannot read JSON: " + reason(e), e);
    }
  }

  /**
   * The text to parse, decoded as the parser reads it: the input is first checked to be UTF-8 in
   * one pass that allocates nothing for ASCII (nearly every event), so that invalid bytes are
   * reported before anything else is, as when the whole text was decoded upfront; then {@link
   * Utf8Reader} hands the parser characters straight from the bytes. No copy of the whole text is
   * made (a 9 MB batch would need 18 MB of {@code char[]}), and no 8 KB buffer of a streaming
   * {@code InputStreamReader}.
   */
  private static Reader reader(byte[] bytes, int offset) throws CharacterCodingException {
    int firstNonAscii = -1;
    for (int i = offset; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        firstNonAscii = i;
        break;
      }
    }
    if (firstNonAscii >= 0) {
      checkUtf8(bytes, firstNonAscii);
    }
    return new Utf8Reader(bytes, offset, firstNonAscii < 0 ? bytes.length : firstNonAscii);
  }

  /** A UTF-8 decoder that reports malformed bytes instead of replacing them. */
  private static CharsetDecoder strictDecoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Throws when the bytes from {@code from} on are not strict UTF-8; decodes in small chunks. */
  private static void checkUtf8(byte[] bytes, int from) throws CharacterCodingException {
    CharsetDecoder decoder = strictDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
    CharBuffer out = CharBuffer.allocate(1024);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        r.throwException();
      }
      if (r.isUnderflow()) {
        break;
      }
      out.clear();
    }
    out.clear();
    CoderResult r = decoder.flush(out);
    if (r.isError()) {
      r.throwException();
    }
  }

  /**
   * Characters of bytes already known to be valid UTF-8: ASCII copied as is up to {@code asciiEnd},
   * the rest through a decoder. Not thread-safe; one per parse.
   */
  private static final class Utf8Reader extends Reader {
    private final byte[] bytes;
    private final int asciiEnd;
    private int pos;
    private CharsetDecoder decoder;
    private ByteBuffer rest;
    private CharBuffer pair;

    Utf8Reader(byte[] bytes, int offset, int asciiEnd) {
      this.bytes = bytes;
      this.pos = offset;
      this.asciiEnd = asciiEnd;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (pos < asciiEnd) {
        int n = Math.min(len, asciiEnd - pos);
        for (int i = 0; i < n; i++) {
          cbuf[off + i] = (char) bytes[pos + i];
        }
        pos += n;
        return n;
      }
      if (pair != null && pair.hasRemaining()) {
        cbuf[off] = pair.get(); // the second half of a pair a one-character read split
        return 1;
      }
      if (decoder == null) {
        if (pos >= bytes.length) {
          return -1;
        }
        decoder = strictDecoder();
        rest = ByteBuffer.wrap(bytes, pos, bytes.length - pos);
      }
      if (!rest.hasRemaining()) {
        return -1;
      }
      if (len >= 2) {
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        check(decoder.decode(rest, out, true));
        return out.position() - off;
      }
      // room for one char only: a character outside the BMP needs two, so decode through a pair
      if (pair == null) {
        pair = CharBuffer.allocate(2);
      }
      pair.clear().limit(1);
      check(decoder.decode(rest, pair, true));
      if (pair.position() == 0) {
        pair.limit(2);
        check(decoder.decode(rest, pair, true));
      }
      pair.flip();
      cbuf[off] = pair.get();
      return 1;
    }

    private static void check(CoderResult r) throws CharacterCodingException {
      if (r.isError()) {
        r.throwException();
      }
    }

    @Override
    public void close() {
      // nothing to release
    }
  }

  /** Parses and requires a JSON object. */
  public static JsonObject parseObject(byte[] bytes, JsonLimits limits, String what) {
    JsonElement e = parse(bytes, limits, what);
    if (!e.isJsonObject()) {
      throw new BadEventException(
          Problem.MALFORMED_JSON, what + ": expected a JSON object but found " + kindOf(e));
    }
    return e.getAsJsonObject();
  }

  /** A short name of the JSON type of a value, for messages. */
  public static String kindOf(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return "null";
    } else if (e.isJsonObject()) {
      return "an object";
    } else if (e.isJsonArray()) {
      return "an array";
    } else if (e.getAsJsonPrimitive().isString()) {
      return "a string";
    } else if (e.getAsJsonPrimitive().isBoolean()) {
      return "a boolean";
    }
    return "a number";
  }

  /**
   * Gson's message on one line, without its advice to switch to lenient parsing (which is exactly
   * what must not happen to untrusted input) and without its link to gson's own troubleshooting.
   */
  private static String reason(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    return m.replace(
            "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
            "syntax error (standard JSON only: no comments, single quotes, NaN or trailing data)")
        .strip();
  }

  private static boolean hasBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  /** Iterative tree building: no recursion, so depth never threatens the stack. */
  private static JsonElement read(JsonReader in, int maxDepth, String what) throws IOException {
    Deque<JsonElement> stack = new ArrayDeque<>();
    JsonElement root = null;
    while (true) {
      JsonToken token = in.peek();
      String name = null;
      JsonElement parent = stack.peek();
      if (parent instanceof JsonObject obj && token != JsonToken.END_OBJECT) {
        name = in.nextName();
        if (obj.has(name)) {
          throw new BadEventException(
              Problem.DUPLICATE_KEY,
              what
                  + ": duplicate key \""
                  + name
                  + "\" at "
                  + where(in)
                  + "; duplicate keys are rejected because consumers may disagree on which wins");
        }
        token = in.peek();
      }
      JsonElement value;
      switch (token) {
        case BEGIN_OBJECT -> {
          if (stack.size() >= maxDepth) {
            throw tooDeep(what, maxDepth, in);
          }
          in.beginObject();
          value = new JsonObject();
        }
        case BEGIN_ARRAY -> {
          if (stack.size() >= maxDepth) {
            throw tooDeep(what, maxDepth, in);
          }
          in.beginArray();
          value = new JsonArray();
        }
        case END_OBJECT -> {
          in.endObject();
          JsonElement done = stack.pop();
          if (stack.isEmpty()) {
            return done;
          }
          continue;
        }
        case END_ARRAY -> {
          in.endArray();
          JsonElement done = stack.pop();
          if (stack.isEmpty()) {
            return done;
          }
          continue;
        }
        case STRING -> value = new JsonPrimitive(in.nextString());
        case NUMBER -> value = new JsonPrimitive(new LazilyParsedNumber(in.nextString()));
        case BOOLEAN -> value = new JsonPrimitive(in.nextBoolean());
        case NULL -> {
          in.nextNull();
          value = JsonNull.INSTANCE;
        }
        default -> throw new EOFException("unexpected " + token);
      }
      if (parent instanceof JsonObject obj) {
        obj.add(name, value);
      } else if (parent instanceof JsonArray arr) {
        arr.add(value);
      } else {
        root = value;
      }
      if (value.isJsonObject() || value.isJsonArray()) {
        stack.push(value);
      } else if (stack.isEmpty()) {
        return root;
      }
    }
  }

  private static BadEventException tooDeep(String what, int maxDepth, JsonReader in) {
    return new BadEventException(
        Problem.TOO_DEEP,
        what + ": JSON nested deeper than " + maxDepth + " levels at " + where(in));
  }

  private static String where(JsonReader in) {
    return in.getPath();
  }
}
