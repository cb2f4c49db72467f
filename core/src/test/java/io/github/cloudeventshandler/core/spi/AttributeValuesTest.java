package io.github.cloudeventshandler.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttributeValuesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aws:s3.us-east-1.example-bucket",
        "arn:aws:sqs:us-east-1:123456789012:my-queue",
        "/subscriptions/x/resourceGroups/y",
        "//storage.googleapis.com/projects/_/buckets/b",
        "kafka://[::1]:9092",
        "urn:azure:functions:HttpExample",
        "#",
        "a%20b",
        "aws:logs:123:log-group:/aws/lambda/f#x"
      })
  void aUriReferenceStaysAsItIs(String text) {
    assertThat(AttributeValues.uriReference(text).toString()).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "aws:s3.us-east-1.my bucket | aws:s3.us-east-1.my%20bucket",
        "arn:aws:cloudwatch:us-east-1:1:alarm:CPU > 80% {prod} | "
            + "arn:aws:cloudwatch:us-east-1:1:alarm:CPU%20%3E%2080%25%20%7Bprod%7D",
        "aws:logs:1:log-group:/a#b#c | aws:logs:1:log-group:/a#b%23c",
        "arn:aws:execute-api:us-east-1:1:api/prod/GET/{proxy+} | "
            + "arn:aws:execute-api:us-east-1:1:api/prod/GET/%7Bproxy+%7D",
        "/subscriptions/{subscription-id}/x | /subscriptions/%7Bsubscription-id%7D/x",
        "café | caf%C3%A9",
        "1abc:def | 1abc%3Adef",
        ":x | %3Ax",
        "x[1] | x%5B1%5D",
        "aws: | aws%3A",
        "http:// | http%3A//",
        "100% | 100%25"
      })
  void charactersOutsideTheGrammarArePercentEncoded(String text, String expected) {
    assertThat(AttributeValues.uriReference(text).toString()).isEqualTo(expected);
  }

  @Test
  void delimitersNoUriHoldsAreEncoded() {
    assertThat(AttributeValues.uriReference("a|b^c`d\\e").toString())
        .isEqualTo("a%7Cb%5Ec%60d%5Ce");
  }

  @Test
  void controlCharactersAndLineBreaksAreEncoded() {
    assertThat(AttributeValues.uriReference("a\r\nb\u0000c\u0085").toString())
        .isEqualTo("a%0D%0Ab%00c%C2%85");
  }

  @Test
  void slashesWithoutAnAuthorityStayAPath() {
    // fuzzing finding F11: "//" (a network-path reference without an authority) failed every level
    assertThat(AttributeValues.uriReference("//").toString()).isEqualTo("/%2F");
    for (String text : new String[] {"//", "///x", "//\u0000", "// x"}) {
      URI u = AttributeValues.uriReference(text);
      assertThat(URI.create(u.toString())).as(text).isEqualTo(u);
    }
  }

  @Test
  void anEmptyValueIsAProgrammingError() {
    assertThatThrownBy(() -> AttributeValues.uriReference(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static IntStream seeds() {
    return IntStream.range(0, 300);
  }

  /** Any text becomes an ASCII URI-reference that parses again to the same value. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyTextBecomesAUriReference(int seed) {
    Random r = new Random(seed);
    String alphabet =
        ":/?#[]@!$&'()*+,;=%-._~ \"<>\\^`{|}\r\n\t\u0000\u007f\u0085éA1aZ\uD83D\uDE00\uD800";
    for (int n = 0; n < 50; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(24);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String text = sb.toString();
      URI u = AttributeValues.uriReference(text);
      String s = u.toString();
      assertThat(s).as(text).isNotEmpty();
      assertThat(s.chars()).as(text).allMatch(c -> c > 0x20 && c < 0x7F);
      assertThat(URI.create(s)).isEqualTo(u);
    }
  }

  @Test
  void stringsLoseOnlyTheirControlCharacters() {
    assertThat(AttributeValues.string("photos/2024 summer/ä.jpg"))
        .isEqualTo("photos/2024 summer/ä.jpg");
    assertThat(AttributeValues.string("a\r\nHost: evil")).isEqualTo("a%0D%0AHost: evil");
    assertThat(AttributeValues.string("x\u0085y\u007f")).isEqualTo("x%C2%85y%7F");
    assertThat(AttributeValues.string("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    assertThat(AttributeValues.string("a\uD800b")).isEqualTo("a\uFFFDb");
    assertThat(AttributeValues.string("\uDC00")).isEqualTo("\uFFFD");
  }

  @Test
  void aCleanStringIsReturnedAsItIs() {
    String s = "arn:aws:sqs:us-east-1:1:q";
    assertThat(AttributeValues.string(s)).isSameAs(s);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "projects/p/subscriptions/s | projects/p/subscriptions/s",
        "projects/p/databases/(default)/documents/a@b | projects/p/databases/(default)/documents/a@b",
        "projects/p/subscriptions/my%20sub | projects/p/subscriptions/my%2520sub",
        "a b?c#d | a%20b%3Fc%23d",
        "café | caf%C3%A9",
        "a[1]{x}^y | a%5B1%5D%7Bx%7D%5Ey"
      })
  void aPathIsEncodedAsData(String text, String path) {
    assertThat(AttributeValues.uriPath(text)).isEqualTo(path);
    URI u = URI.create("//pubsub.googleapis.com/" + AttributeValues.uriPath(text));
    assertThat(u.getPath()).isEqualTo("/" + text); // decodes back to the very text
    assertThat(u.getQuery()).isNull();
    assertThat(u.getFragment()).isNull();
  }

  @Test
  void anAuthorityKeepsItsPortButNotASlashOrAt() {
    assertThat(AttributeValues.uriAuthority("firestore.googleapis.com"))
        .isEqualTo("firestore.googleapis.com");
    assertThat(AttributeValues.uriAuthority("localhost:8080")).isEqualTo("localhost:8080");
    assertThat(AttributeValues.uriAuthority("a/b@c d")).isEqualTo("a%2Fb%40c%20d");
  }

  @Test
  void uriPathAndUriReferenceDifferOnText() {
    // uriReference keeps an escape that is already there; uriPath treats the text as data
    assertThat(AttributeValues.uriReference("a%20b").toString()).isEqualTo("a%20b");
    assertThat(AttributeValues.uriPath("a%20b")).isEqualTo("a%2520b");
  }
}
