package io.github.cloudeventshandler.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruncationTest {

  @Test
  void aValueThatFitsIsKept() {
    assertThat(Truncation.cut("abc", 3, "abc")).isEqualTo("abc");
  }

  @Test
  void aLongValueKeepsItsPrefixAndAHashOfTheWhole() {
    String cut = Truncation.cut("a".repeat(100), 40, "a".repeat(100));
    assertThat(cut).hasSize(40).isEqualTo("a".repeat(23) + "~" + Truncation.hash("a".repeat(100)));
    assertThat(Truncation.hash("a".repeat(100))).matches("[0-9a-f]{16}");
    assertThat(Truncation.hash("x")).isNotEqualTo(Truncation.hash("y"));
  }

  @Test
  void neverSplitsAnEscapeNorAUtf8Sequence() {
    String euro = "%E2%82%AC"; // one character, three escapes
    String encoded = euro.repeat(20);
    for (int max = 18; max < 60; max++) {
      String cut = Truncation.cut(encoded, max, "\u20ac".repeat(20));
      assertThat(cut.length()).isLessThanOrEqualTo(max);
      assertThat(cut.substring(0, cut.indexOf('~'))).matches("(%E2%82%AC)*");
    }
    String mixed = "ab%20" + euro;
    assertThat(Truncation.cut(mixed + "x".repeat(40), 24, "w")).startsWith("ab%20~");
    assertThat(Truncation.cut(mixed + "x".repeat(40), 21, "w")).startsWith("ab~");
  }
}
