package io.github.cloudeventshandler.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table for core: every row is a malformed input (bytes and transport headers), sent
 * through the real classification path (the {@link java.util.ServiceLoader} registry and {@link
 * EventPipeline#classify}), with the exception type, {@link Problem} and a message fragment it must
 * produce. A row with no exception type must be accepted.
 */
class BadInputTest {
  private static final EventPipeline PIPELINE =
      EventPipeline.create(
          Configuration.builder().build(),
          ClassifierRegistry.load(BadInputTest.class.getClassLoader()));

  private static final String STRUCTURED = "application/cloudevents+json";
  private static final String BATCH = "application/cloudevents-batch+json";
  private static final String MIN =
      "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"com.example.t\"";

  /**
   * One row of the table.
   *
   * @param name what is wrong with the input
   * @param provider the provider the input came through
   * @param body the bytes
   * @param headers the transport headers (empty for a Lambda-style delivery)
   * @param type the exception expected, or null when the input must be accepted
   * @param problem the problem expected for a {@link BadEventException}
   * @param fragment a part of the message that names what is wrong
   */
  record Row(
      String name,
      String provider,
      byte[] body,
      Headers headers,
      Class<? extends CloudEventsHandlerException> type,
      Problem problem,
      String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Headers contentType(String type) {
    return Headers.builder().add("Content-Type", type).build();
  }

  private static Headers binary(String name, String value) {
    Headers.Builder h =
        Headers.builder()
            .add("ce-specversion", "1.0")
            .add("ce-id", "b-1")
            .add("ce-source", "/orders")
            .add("ce-type", "com.example.t");
    if (value == null) {
      h.remove(name);
    } else {
      h.add(name, value);
    }
    return h.build();
  }

  private static Row bad(
      String name, String body, Headers headers, Problem problem, String fragment) {
    return bad(name, body.getBytes(UTF_8), headers, problem, fragment);
  }

  private static Row bad(
      String name, byte[] body, Headers headers, Problem problem, String fragment) {
    return new Row(name, RawEvent.HTTP, body, headers, BadEventException.class, problem, fragment);
  }

  private static Row lambda(String name, byte[] body, Problem problem, String fragment) {
    return new Row(
        name, RawEvent.AWS, body, Headers.empty(), BadEventException.class, problem, fragment);
  }

  private static byte[] withBom(String s) {
    byte[] json = s.getBytes(UTF_8);
    byte[] out = new byte[json.length + 3];
    out[0] = (byte) 0xEF;
    out[1] = (byte) 0xBB;
    out[2] = (byte) 0xBF;
    System.arraycopy(json, 0, out, 3, json.length);
    return out;
  }

  private static byte[] repeat(char c, int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  static Stream<Row> rows() {
    Headers structured = contentType(STRUCTURED);
    Headers batch = contentType(BATCH);
    return Stream.of(
        bad("not JSON", "hello, world", structured, Problem.MALFORMED_JSON, "not valid JSON"),
        bad(
            "truncated JSON",
            MIN + ",\"data\":{",
            structured,
            Problem.MALFORMED_JSON,
            "ends too early"),
        bad("empty body", "", structured, Problem.MALFORMED_JSON, "empty body"),
        bad(
            "single quotes",
            "{'specversion':'1.0'}",
            structured,
            Problem.MALFORMED_JSON,
            "not valid JSON"),
        bad(
            "trailing garbage",
            MIN + "} trailing",
            structured,
            Problem.MALFORMED_JSON,
            "not valid JSON"),
        bad("comment", MIN + "/* hi */}", structured, Problem.MALFORMED_JSON, "not valid JSON"),
        bad("NaN", MIN + ",\"data\":NaN}", structured, Problem.MALFORMED_JSON, "not valid JSON"),
        bad(
            "invalid UTF-8 in JSON",
            new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'},
            structured,
            Problem.MALFORMED_JSON,
            "not valid UTF-8"),
        new Row(
            "UTF-8 BOM is accepted",
            RawEvent.HTTP,
            withBom(MIN + "}"),
            structured,
            null,
            null,
            null),
        lambda(
            "nesting deeper than the limit",
            (MIN + ",\"data\":" + "[".repeat(65) + "]".repeat(65) + "}").getBytes(UTF_8),
            Problem.TOO_DEEP,
            "nested deeper than 64 levels"),
        bad(
            "10,000 open brackets",
            repeat('[', 10_000),
            structured,
            Problem.TOO_DEEP,
            "nested deeper"),
        bad(
            "duplicate keys",
            "{\"specversion\":\"1.0\",\"id\":\"a\",\"id\":\"b\",\"source\":\"/s\",\"type\":\"t\"}",
            structured,
            Problem.DUPLICATE_KEY,
            "duplicate key \"id\""),
        bad(
            "duplicate keys nested in data",
            MIN + ",\"data\":{\"x\":1,\"x\":2}}",
            structured,
            Problem.DUPLICATE_KEY,
            "duplicate key \"x\""),
        lambda(
            "body over the size cap",
            repeat(' ', JsonLimits.SIX_MB + 1),
            Problem.TOO_LARGE,
            "over the limit of 6291456 bytes"),
        bad(
            "binary body over the size cap",
            repeat('x', JsonLimits.SIX_MB + 1),
            binary("ce-subject", "s"),
            Problem.TOO_LARGE,
            "over the limit"),
        bad(
            "missing specversion",
            "{\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"t\"}",
            structured,
            Problem.MISSING_FIELD,
            "'specversion'"),
        bad(
            "missing id",
            "{\"specversion\":\"1.0\",\"source\":\"/orders\",\"type\":\"t\"}",
            structured,
            Problem.MISSING_FIELD,
            "'id'"),
        bad(
            "missing source",
            "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"type\":\"t\"}",
            structured,
            Problem.MISSING_FIELD,
            "'source'"),
        bad(
            "missing type",
            "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\"}",
            structured,
            Problem.MISSING_FIELD,
            "'type'"),
        lambda(
            "Lambda event missing type",
            "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\"}".getBytes(UTF_8),
            Problem.MISSING_FIELD,
            "aws structured CloudEvent id 'e-1' from source '/orders': required attribute 'type'"),
        bad("binary mode missing ce-id", "x", binary("ce-id", null), Problem.MISSING_FIELD, "'id'"),
        bad(
            "data and data_base64 together",
            MIN + ",\"data\":{},\"data_base64\":\"e30=\"}",
            structured,
            Problem.INVALID_FIELD,
            "both 'data' and 'data_base64'"),
        bad(
            "data_base64 that is not base64",
            MIN + ",\"data_base64\":\"%%%\"}",
            structured,
            Problem.INVALID_FIELD,
            "not valid base64"),
        bad(
            "extension name with upper case",
            MIN + ",\"myExt\":\"x\"}",
            structured,
            Problem.INVALID_FIELD,
            "extension attribute name 'myExt'"),
        bad(
            "extension name with underscore",
            MIN + ",\"my_ext\":\"x\"}",
            structured,
            Problem.INVALID_FIELD,
            "'my_ext'"),
        bad(
            "ce- header with CR/LF",
            "x",
            binary("ce-subject", "a\r\nX-Injected: 1"),
            Problem.UNSAFE_HEADER,
            "raw control character"),
        bad(
            "ce- header with percent-encoded CR/LF",
            "x",
            binary("ce-subject", "a%0D%0AX-Injected:%201"),
            Problem.UNSAFE_HEADER,
            "control character U+000D"),
        bad(
            "invalid percent-encoding",
            "x",
            binary("ce-subject", "100%zz"),
            Problem.UNSAFE_HEADER,
            "invalid percent-encoding"),
        bad(
            "overlong UTF-8 %C0%A0",
            "x", binary("ce-subject", "%C0%A0"), Problem.UNSAFE_HEADER, "not valid UTF-8"),
        bad(
            "ce-datacontenttype in binary mode",
            "x",
            binary("ce-datacontenttype", "text/plain"),
            Problem.INVALID_FIELD,
            "ce-datacontenttype"),
        bad(
            "datacontenttype that would inject a header",
            MIN + ",\"datacontenttype\":\"text/plain\\r\\nX-Evil: 1\",\"data\":\"x\"}",
            structured,
            Problem.UNSAFE_HEADER,
            "datacontenttype"),
        bad(
            "batch element that is not an object",
            "[" + MIN + "},\"oops\"]",
            batch,
            Problem.INVALID_FIELD,
            "element [1] is a string"),
        bad("empty batch", "[]", batch, Problem.INVALID_FIELD, "batch is empty"),
        bad(
            "batch that is an object",
            MIN + "}",
            batch,
            Problem.INVALID_FIELD,
            "expected a JSON array"),
        bad(
            "structured event that is an array",
            "[1]",
            structured,
            Problem.INVALID_FIELD,
            "expected a JSON object"),
        bad(
            "specversion 2.0",
            "{\"specversion\":\"2.0\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"t\"}",
            structured,
            Problem.INVALID_FIELD,
            "specversion '2.0' is not supported"),
        bad(
            "bad time",
            MIN + ",\"time\":\"2024-13-45 25:61\"}",
            structured,
            Problem.INVALID_FIELD,
            "not an RFC 3339 timestamp"),
        new Row(
            "unrecognised event",
            RawEvent.AWS,
            "{\"hello\":\"world\"}".getBytes(UTF_8),
            Headers.empty(),
            UnrecognizedEventException.class,
            null,
            "no classifier recognised the event"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("rows")
  void eachBadInputGetsItsSpecificError(Row row) {
    RawEvent raw = RawEvent.builder(row.provider(), row.body()).headers(row.headers()).build();
    Throwable thrown = catchThrowable(() -> PIPELINE.classify(raw));
    if (row.type() == null) {
      assertThat(thrown).as(row.name()).isNull();
      assertThat(PIPELINE.classify(raw).kind()).isEqualTo("cloudevents");
      return;
    }
    assertThat(thrown)
        .as(row.name())
        .isInstanceOf(row.type())
        .hasMessageContaining(row.fragment())
        .hasMessageContaining(row.provider())
        .hasMessageContaining("(see docs/troubleshooting.md#");
    if (thrown instanceof BadEventException e) {
      assertThat(e.problem()).as(row.name()).isEqualTo(row.problem());
      assertThat(e.getMessage()).endsWith("#" + row.problem().anchor() + ")");
    }
    assertThat(thrown.getMessage()).doesNotContain("\r").doesNotContain("\n");
  }
}
