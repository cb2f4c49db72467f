package io.github.cloudeventshandler.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link JsonBytes} writes exactly {@code toString().getBytes(UTF_8)} of any tree. */
class JsonBytesTest {
  private static void assertSameAsGson(JsonElement e) {
    assertThat(JsonBytes.of(e))
        .as("%s", e)
        .isEqualTo(e.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyEscapeGsonMakes() {
    JsonObject o = new JsonObject();
    o.addProperty("quote\"back\\slash", "tab\tnl\nret\rbs\bff\f nul\u0000 us\u001f del\u007f");
    o.addProperty("html", "<a href='x'>&amp;=</a>");
    o.addProperty("separators", "\u2028 and \u2029");
    o.addProperty("wide", "é € 𝄞 中文");
    o.addProperty("lone", "a\ud800b\udc00c");
    o.add("nothing", JsonNull.INSTANCE);
    o.add("empty", new JsonObject());
    o.add("none", new JsonArray());
    o.addProperty("yes", true);
    o.addProperty("long", Long.MIN_VALUE);
    o.addProperty("double", 1.5e300);
    o.add("exact", new JsonPrimitive(new LazilyParsedNumber("12.50e-3")));
    assertSameAsGson(o);
  }

  @Test
  void deepNestingNeedsNoStack() {
    JsonElement e =
        StrictJson.parse(
            ("[{\"a\":".repeat(100) + "1" + "}]".repeat(100)).getBytes(StandardCharsets.UTF_8),
            new JsonLimits(JsonLimits.SIX_MB, JsonLimits.MAX_DEPTH_LIMIT),
            "test");
    assertSameAsGson(e);
    JsonArray deep = new JsonArray();
    for (int i = 0; i < 100_000; i++) {
      JsonArray outer = new JsonArray();
      outer.add(deep);
      deep = outer;
    }
    assertThat(new String(JsonBytes.of(deep), StandardCharsets.US_ASCII))
        .isEqualTo("[".repeat(100_001) + "]".repeat(100_001));
  }

  @Test
  void randomTrees() {
    Random random = new Random(20261123);
    for (int i = 0; i < 3_000; i++) {
      assertSameAsGson(tree(random, 0));
    }
  }

  private static JsonElement tree(Random r, int depth) {
    int kind = depth > 4 ? 2 + r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0 -> {
        JsonObject o = new JsonObject();
        for (int i = r.nextInt(5); i > 0; i--) {
          o.add(text(r), tree(r, depth + 1));
        }
        return o;
      }
      case 1 -> {
        JsonArray a = new JsonArray();
        for (int i = r.nextInt(5); i > 0; i--) {
          a.add(tree(r, depth + 1));
        }
        return a;
      }
      case 2 -> {
        return new JsonPrimitive(text(r));
      }
      case 3 -> {
        return new JsonPrimitive(r.nextBoolean() ? r.nextLong() : r.nextDouble());
      }
      case 4 -> {
        return new JsonPrimitive(r.nextBoolean());
      }
      default -> {
        return JsonNull.INSTANCE;
      }
    }
  }

  /** Strings from every class of char: ASCII, controls, two- and three-byte, surrogates. */
  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(12); i > 0; i--) {
      switch (r.nextInt(6)) {
        case 0 -> b.append((char) (0x20 + r.nextInt(0x60)));
        case 1 -> b.append((char) r.nextInt(0x20));
        case 2 -> b.append((char) (0x80 + r.nextInt(0x780)));
        case 3 -> b.append((char) (0x800 + r.nextInt(0xF7FF - 0x800)));
        case 4 -> b.appendCodePoint(0x10000 + r.nextInt(0xFFFFF));
        default -> b.append(r.nextBoolean() ? '\u2028' : (char) (0xD800 + r.nextInt(0x800)));
      }
    }
    return b.toString();
  }
}
