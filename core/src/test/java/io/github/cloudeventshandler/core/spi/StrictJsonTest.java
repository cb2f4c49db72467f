package io.github.cloudeventshandler.core.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
  private static final JsonLimits LIMITS = JsonLimits.DEFAULT;

  private static JsonElement parse(String json) {
    return StrictJson.parse(json.getBytes(UTF_8), LIMITS, "test input");
  }

  private static Problem problemOf(byte[] bytes, JsonLimits limits) {
    try {
      StrictJson.parse(bytes, limits, "test input");
    } catch (BadEventException e) {
      assertThat(e.getMessage())
          .startsWith("test input: ")
          .endsWith("(see docs/troubleshooting.md#" + e.problem().anchor() + ")");
      return e.problem();
    }
    throw new AssertionError("parsed: " + new String(bytes, UTF_8));
  }

  private static Problem problemOf(String json) {
    return problemOf(json.getBytes(UTF_8), LIMITS);
  }

  /**
   * Text outside ASCII (two-, three- and four-byte UTF-8, surrogate pairs) at every offset against
   * the parser's 1,024-character buffer, after a long ASCII prefix: read back exactly, the way
   * gson's own parser reads the same text.
   */
  @Test
  void nonAsciiTextAcrossTheParsersBufferIsReadExactly() {
    String mixed = "é€😀x".repeat(700);
    for (int pad = 0; pad < 8; pad++) {
      String json =
          "{\"ascii\":\"" + "a".repeat(1500 + pad) + "\",\"text\":\"" + mixed + "\",\"n\":1}";
      JsonElement parsed = StrictJson.parse(json.getBytes(UTF_8), JsonLimits.DEFAULT, "test");
      assertThat(parsed).isEqualTo(com.google.gson.JsonParser.parseString(json));
      assertThat(parsed.getAsJsonObject().get("text").getAsString()).isEqualTo(mixed);
    }
  }

  @Test
  void parsesAnObjectWithEveryJsonType() {
    JsonObject o =
        parse("{\"s\":\"x\",\"n\":1.5,\"b\":true,\"z\":null,\"a\":[1,{\"k\":[]}],\"o\":{}}")
            .getAsJsonObject();
    assertThat(o.get("s").getAsString()).isEqualTo("x");
    assertThat(o.get("n").getAsBigDecimal()).isEqualByComparingTo("1.5");
    assertThat(o.get("b").getAsBoolean()).isTrue();
    assertThat(o.get("z").isJsonNull()).isTrue();
    assertThat(o.getAsJsonArray("a").get(1).getAsJsonObject().getAsJsonArray("k")).isEmpty();
    assertThat(o.getAsJsonObject("o").size()).isZero();
  }

  @Test
  void acceptsAUtf8ByteOrderMark() {
    byte[] json = "{\"a\":1}".getBytes(UTF_8);
    byte[] withBom = new byte[json.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(json, 0, withBom, 3, json.length);
    assertThat(StrictJson.parse(withBom, LIMITS, "x").getAsJsonObject().get("a").getAsInt())
        .isEqualTo(1);
  }

  @Test
  void aBomAloneIsAnEmptyBody() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    assertThatThrownBy(() -> StrictJson.parse(bom, LIMITS, "x"))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("empty body");
  }

  @Test
  void topLevelScalarsAreJson() {
    assertThat(parse("\"x\"").getAsString()).isEqualTo("x");
    assertThat(parse(" 7 ").getAsInt()).isEqualTo(7);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "hello",
        "",
        "   ",
        "{\"a\":",
        "{\"a\":1",
        "[1,2",
        "{\"a\":1} x",
        "{\"a\":1}{\"b\":2}",
        "[1] [2]",
        "{'a':1}",
        "{a:1}",
        "{\"a\":1 /* c */}",
        "// c\n{\"a\":1}",
        "# c\n{\"a\":1}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":-Infinity}",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\"=1}",
        "{\"a\";1}",
        "[01]",
        "{\"a\":\"tab\there\"}",
        "{\"a\":\"\\x41\"}",
        "[\"unterminated]"
      })
  void rejectsNonStandardJson(String json) {
    assertThat(problemOf(json)).isEqualTo(Problem.MALFORMED_JSON);
  }

  @Test
  void truncatedJsonSaysItEndsTooEarly() {
    assertThatThrownBy(() -> parse("{\"a\":[1,2"))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("ends too early");
  }

  @Test
  void trailingGarbageIsMalformed() {
    assertThatThrownBy(() -> parse("{\"a\":1} garbage"))
        .isInstanceOfSatisfying(
            BadEventException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_JSON));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{\"id\":\"a\",\"id\":\"b\"}",
        "{\"a\":{\"k\":1,\"k\":1}}",
        "[{\"x\":[{\"deep\":1,\"deep\":2}]}]",
        "{\"a\":1,\"b\":2,\"a\":null}"
      })
  void rejectsDuplicateKeysAtAnyDepth(String json) {
    assertThat(problemOf(json)).isEqualTo(Problem.DUPLICATE_KEY);
  }

  @Test
  void duplicateKeyMessageNamesTheKeyAndPath() {
    assertThatThrownBy(() -> parse("{\"a\":{\"key\":1,\"key\":2}}"))
        .hasMessageContaining("duplicate key \"key\"")
        .hasMessageContaining("$.a");
  }

  @Test
  void sameKeyInSiblingObjectsIsNotADuplicate() {
    assertThat(parse("[{\"a\":1},{\"a\":2}]").getAsJsonArray()).hasSize(2);
  }

  @Test
  void depthExactlyAtTheLimitIsAccepted() {
    JsonLimits limits = new JsonLimits(1000, 5);
    assertThat(StrictJson.parse("[[[[[1]]]]]".getBytes(UTF_8), limits, "x").isJsonArray()).isTrue();
    assertThat(
            StrictJson.parse("{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}".getBytes(UTF_8), limits, "x")
                .isJsonObject())
        .isTrue();
  }

  @Test
  void depthOneOverTheLimitIsTooDeep() {
    JsonLimits limits = new JsonLimits(1000, 5);
    assertThat(problemOf("[[[[[[1]]]]]]".getBytes(UTF_8), limits)).isEqualTo(Problem.TOO_DEEP);
    assertThat(problemOf("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}".getBytes(UTF_8), limits))
        .isEqualTo(Problem.TOO_DEEP);
  }

  @Test
  void tenThousandOpenBracketsAreTooDeepWithoutStackOverflow() {
    byte[] deep = new byte[10_000];
    Arrays.fill(deep, (byte) '[');
    assertThat(problemOf(deep, LIMITS)).isEqualTo(Problem.TOO_DEEP);
  }

  @Test
  void tenThousandLevelsOfObjectsAreTooDeep() {
    String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    assertThat(problemOf(deep)).isEqualTo(Problem.TOO_DEEP);
  }

  @Test
  void overTheByteCapIsTooLargeBeforeParsing() {
    // Not JSON at all: the size is checked first, so the answer is TOO_LARGE, not MALFORMED_JSON.
    byte[] big = new byte[101];
    Arrays.fill(big, (byte) 'x');
    JsonLimits limits = new JsonLimits(100, 10);
    assertThat(problemOf(big, limits)).isEqualTo(Problem.TOO_LARGE);
    assertThatThrownBy(() -> StrictJson.parse(big, limits, "x"))
        .hasMessageContaining("101 bytes")
        .hasMessageContaining("limit of 100 bytes");
    assertThat(Problem.TOO_LARGE.httpStatus()).isEqualTo(413);
  }

  @Test
  void exactlyAtTheByteCapIsParsed() {
    byte[] json = "[1,2,3]".getBytes(UTF_8);
    assertThat(StrictJson.parse(json, new JsonLimits(json.length, 10), "x").isJsonArray()).isTrue();
  }

  @Test
  void bigNumbersKeepEveryDigit() {
    JsonObject o =
        parse(
                "{\"id\":123456789012345678901234567890,\"d\":0.10000000000000000000001,\"s\":9007199254740993}")
            .getAsJsonObject();
    assertThat(o.get("id").getAsBigInteger())
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(o.get("d").getAsBigDecimal().toPlainString()).isEqualTo("0.10000000000000000000001");
    assertThat(o.get("s").getAsLong()).isEqualTo(9007199254740993L);
    assertThat(o.toString()).contains("9007199254740993").contains("0.10000000000000000000001");
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] bad = {'[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'};
    assertThatThrownBy(() -> StrictJson.parse(bad, LIMITS, "x"))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_JSON))
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void overlongUtf8IsMalformed() {
    byte[] overlong = {'[', '"', (byte) 0xC0, (byte) 0xAF, '"', ']'};
    assertThat(problemOf(overlong, LIMITS)).isEqualTo(Problem.MALFORMED_JSON);
  }

  @Test
  void multiByteUtf8AndEscapesAreDecoded() {
    assertThat(parse("[\"Euro € 😀 \\u00e9\"]").getAsJsonArray().get(0).getAsString())
        .isEqualTo("Euro € 😀 é");
  }

  @Test
  void parseObjectRejectsOtherTypes() {
    assertThatThrownBy(() -> StrictJson.parseObject("[1]".getBytes(UTF_8), LIMITS, "cfg"))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("cfg: expected a JSON object but found an array");
  }

  @Test
  void kindOfNamesEveryType() {
    assertThat(StrictJson.kindOf(null)).isEqualTo("null");
    assertThat(StrictJson.kindOf(parse("null"))).isEqualTo("null");
    assertThat(StrictJson.kindOf(parse("{}"))).isEqualTo("an object");
    assertThat(StrictJson.kindOf(parse("[]"))).isEqualTo("an array");
    assertThat(StrictJson.kindOf(parse("\"s\""))).isEqualTo("a string");
    assertThat(StrictJson.kindOf(parse("true"))).isEqualTo("a boolean");
    assertThat(StrictJson.kindOf(parse("1"))).isEqualTo("a number");
  }
}
