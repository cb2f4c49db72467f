package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {

  @Test
  void lookupIgnoresCaseAndKeepsOrder() {
    Headers h =
        Headers.builder()
            .add("Content-Type", "application/json")
            .add("X-A", "1")
            .add("x-a", "2")
            .build();
    assertThat(h.first("content-type")).contains("application/json");
    assertThat(h.all("X-a")).containsExactly("1", "2");
    assertThat(h.contains("CONTENT-TYPE")).isTrue();
    assertThat(h.contains("missing")).isFalse();
    assertThat(h.first("missing")).isEmpty();
    assertThat(h.all("missing")).isEmpty();
    assertThat(h.names()).containsExactly("Content-Type", "X-A");
    assertThat(h.size()).isEqualTo(3);
  }

  @Test
  void setReplacesEveryValueOfTheName() {
    Headers h = Headers.builder().add("A", "1").add("a", "2").add("B", "3").set("A", "9").build();
    assertThat(h.fields()).containsExactly(Map.entry("B", "3"), Map.entry("A", "9"));
  }

  @Test
  void removeAndContainsOnTheBuilder() {
    Headers.Builder b = Headers.builder().add("A", "1");
    assertThat(b.contains("a")).isTrue();
    b.remove("A");
    assertThat(b.contains("a")).isFalse();
    assertThat(b.build()).isSameAs(Headers.empty());
  }

  @Test
  void toBuilderDoesNotChangeTheOriginal() {
    Headers h = Headers.builder().add("A", "1").build();
    Headers h2 = h.toBuilder().add("B", "2").build();
    assertThat(h.size()).isEqualTo(1);
    assertThat(h2.size()).isEqualTo(2);
  }

  @Test
  void ofCopiesMultiValuedMaps() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("Set-Cookie", List.of("a=1", "b=2"));
    m.put("Host", List.of("x"));
    Headers h = Headers.of(m);
    assertThat(h.all("set-cookie")).containsExactly("a=1", "b=2");
    assertThat(h.first("host")).contains("x");
  }

  @Test
  void fieldsAreImmutable() {
    Headers h = Headers.builder().add("A", "1").build();
    assertThatThrownBy(() -> h.fields().add(Map.entry("B", "2")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.all("A").add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullsAreRejected() {
    assertThatThrownBy(() -> Headers.builder().add(null, "v"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Headers.builder().add("n", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void equalityFollowsFields() {
    Headers a = Headers.builder().add("A", "1").build();
    Headers b = Headers.builder().add("A", "1").build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Headers.builder().add("a", "1").build());
  }

  @Test
  void tokensAreWhatNamesAndMethodsMayBe() {
    for (String ok : new String[] {"Content-Type", "ce-id", "X_1", "!#$%&'*+-.^_`|~", "PATCH"}) {
      assertThat(Headers.isToken(ok)).as(ok).isTrue();
    }
    for (String bad : new String[] {"", "a b", "a:b", "a\u00e9", "a\r", "(x)", "a/b", "\"q\""}) {
      assertThat(Headers.isToken(bad)).as(bad).isFalse();
    }
  }
}
