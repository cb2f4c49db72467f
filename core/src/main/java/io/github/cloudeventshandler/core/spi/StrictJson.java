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
import java.io.CharArrayReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
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
   * The text to parse, decoded in one go: ASCII (nearly every event) in one pass, other input
   * through a strict UTF-8 decoder that reports malformed bytes instead of replacing them. Cheaper
   * per event than a streaming {@code InputStreamReader}, which allocates an 8 KB buffer and
   * decoder state each time.
   */
  private static Reader reader(byte[] bytes, int offset) throws CharacterCodingException {
    int length = bytes.length - offset;
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      byte b = bytes[offset + i];
      if (b < 0) {
        CharBuffer decoded =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length));
        return new CharArrayReader(
            decoded.array(), decoded.arrayOffset() + decoded.position(), decoded.remaining());
      }
      chars[i] = (char) b;
    }
    return new CharArrayReader(chars);
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
