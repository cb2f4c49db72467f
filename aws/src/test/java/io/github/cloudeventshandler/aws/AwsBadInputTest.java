package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AWS-specific bad input: each row gives the exact exception type, {@link Problem} and message
 * fragments; the application is never called and nothing is written to the output stream.
 */
class AwsBadInputTest {

  record Row(
      String name,
      Supplier<byte[]> input,
      Class<? extends RuntimeException> type,
      Problem problem,
      List<String> fragments) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Row row(String name, String json, Problem problem, String... fragments) {
    return new Row(
        name,
        () -> json.getBytes(StandardCharsets.UTF_8),
        BadEventException.class,
        problem,
        List.of(fragments));
  }

  private static String mutate(String json, java.util.function.Consumer<JsonObject> change) {
    JsonObject o = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
    change.accept(o);
    return o.toString();
  }

  private static JsonObject record(JsonObject event, int i) {
    return event.getAsJsonArray("Records").get(i).getAsJsonObject();
  }

  static Stream<Arguments> rows() {
    List<Row> rows =
        List.of(
            row(
                "sqs record without messageId",
                mutate(Events.sqs(3, false), o -> record(o, 1).remove("messageId")),
                Problem.MISSING_FIELD,
                "aws.sqs",
                "Records[1].messageId"),
            row(
                "sqs record with an empty messageId",
                mutate(Events.sqs(2, false), o -> record(o, 0).addProperty("messageId", "")),
                Problem.MISSING_FIELD,
                "Records[0].messageId"),
            row(
                "sqs SentTimestamp that is not a number",
                mutate(
                    Events.sqs(1, false),
                    o ->
                        record(o, 0)
                            .getAsJsonObject("attributes")
                            .addProperty("SentTimestamp", "1.2.3")),
                Problem.INVALID_FIELD,
                "m1",
                "Records[0].attributes.SentTimestamp",
                "epoch"),
            row(
                "kinesis record without sequenceNumber",
                mutate(
                    Events.kinesis(2),
                    o -> record(o, 1).getAsJsonObject("kinesis").remove("sequenceNumber")),
                Problem.MISSING_FIELD,
                "aws.kinesis",
                "Records[1].kinesis.sequenceNumber"),
            row(
                "dynamodb record without SequenceNumber",
                mutate(
                    Events.dynamo(2),
                    o -> record(o, 0).getAsJsonObject("dynamodb").remove("SequenceNumber")),
                Problem.MISSING_FIELD,
                "aws.dynamodb",
                "Records[0].dynamodb.SequenceNumber"),
            row(
                "batch mixing sqs and s3",
                mutate(
                    Events.sqs(2, false),
                    o -> o.getAsJsonArray("Records").add(Events.s3Record("k"))),
                Problem.INCONSISTENT,
                "aws.sqs",
                "mixing",
                "Records[2].eventSource is aws:s3"),
            row(
                "batch with a record without eventSource",
                mutate(Events.kinesis(2), o -> record(o, 1).remove("eventSource")),
                Problem.INCONSISTENT,
                "Records[1].eventSource is missing"),
            row(
                "malformed base64 in kinesis data",
                Events.records(one(Events.kinesisRecord(1, "not*base64!"))),
                Problem.INVALID_FIELD,
                "aws.kinesis",
                "shardId-0:seq1",
                "Records[0].kinesis.data",
                "base64"),
            row(
                "firehose record without recordId",
                mutate(
                    Events.firehose("YQ==", "Yg=="),
                    o -> o.getAsJsonArray("records").get(1).getAsJsonObject().remove("recordId")),
                Problem.MISSING_FIELD,
                "aws.kinesis.firehose",
                "records[1].recordId"),
            row(
                "malformed base64 in firehose data",
                Events.firehose("YQ==", "%%%"),
                Problem.INVALID_FIELD,
                "records[1].data",
                "r2"),
            row(
                "cloudformation event without ResponseURL",
                Events.cloudFormation("Create", null),
                Problem.MISSING_FIELD,
                "aws.cloudformation",
                "rid-1",
                "ResponseURL"),
            row(
                "cloudformation ResponseURL that is not http(s)",
                Events.cloudFormation("Delete", "file:///etc/passwd"),
                Problem.INVALID_FIELD,
                "ResponseURL",
                "http(s)"),
            row(
                "s3 key whose overlong UTF-8 decodes to ../",
                Events.s3("%C0%AE%C0%AE%C0%AFetc%2Fpasswd"),
                Problem.INVALID_FIELD,
                "aws.s3",
                "R.I2",
                "Records[0].s3.object.key",
                "invalid UTF-8"),
            row(
                "s3 key with a truncated percent-escape",
                Events.s3("photos/a%2"),
                Problem.INVALID_FIELD,
                "s3.object.key",
                "percent-escape"),
            row(
                "s3 record without responseElements",
                mutate(Events.s3("k"), o -> record(o, 0).remove("responseElements")),
                Problem.MISSING_FIELD,
                "Records[0].responseElements.x-amz-request-id"),
            row(
                "sns record without MessageId",
                "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"Type\":\"Notification\"}}]}",
                Problem.MISSING_FIELD,
                "aws.sns",
                "Records[0].Sns.MessageId"),
            row(
                "api gateway header value with CR LF",
                mutate(
                    Events.apiV1().toString(),
                    o -> o.getAsJsonObject("headers").addProperty("X-Evil", "a\r\nHost: evil")),
                Problem.UNSAFE_HEADER,
                "aws.apigateway.rest",
                "X-Evil"),
            row(
                "alb method that would break the request line",
                mutate(
                    Events.alb(false).toString(),
                    o -> o.addProperty("httpMethod", "GET / HTTP/1.1\r\nX: y")),
                Problem.INVALID_FIELD,
                "aws.elb",
                "httpMethod",
                "not an HTTP method"),
            row(
                "api gateway body flagged base64 but malformed",
                mutate(Events.apiV1().toString(), o -> o.addProperty("body", "@@@")),
                Problem.INVALID_FIELD,
                "api-req",
                "body",
                "base64"),
            row("non-JSON bytes", "Hello, Lambda", Problem.MALFORMED_JSON, "aws event"),
            row("empty input", "", Problem.MALFORMED_JSON, "empty body"),
            row("single-quoted JSON", "{'Records':[]}", Problem.MALFORMED_JSON, "not valid JSON"),
            row(
                "trailing garbage after the event",
                Events.sqs(1, false) + " x",
                Problem.MALFORMED_JSON,
                "aws event"),
            row(
                "duplicate key (smuggling two messageIds)",
                "{\"Records\":[{\"messageId\":\"a\",\"messageId\":\"b\",\"eventSource\":\"aws:sqs\"}]}",
                Problem.DUPLICATE_KEY,
                "messageId"),
            row(
                "JSON nested 10,000 levels deep",
                "[".repeat(10_000),
                Problem.TOO_DEEP,
                "64 levels"),
            new Row(
                "payload over 6 MB",
                () -> {
                  byte[] b = new byte[6 * 1024 * 1024 + 1];
                  Arrays.fill(b, (byte) ' ');
                  b[0] = '{';
                  return b;
                },
                BadEventException.class,
                Problem.TOO_LARGE,
                List.of("6291456 bytes", "CEH_MAX_BODY_BYTES")),
            new Row(
                "JSON array at top level",
                () -> "[{\"a\":1}]".getBytes(StandardCharsets.UTF_8),
                UnrecognizedEventException.class,
                null,
                List.of("aws: no classifier recognised", "a JSON array of 1")),
            new Row(
                "JSON object of no known source",
                () -> "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8),
                UnrecognizedEventException.class,
                null,
                List.of("top-level keys [hello]")));
    return rows.stream().map(Arguments::of);
  }

  private static JsonArray one(JsonObject r) {
    JsonArray a = new JsonArray();
    a.add(r);
    return a;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void rejected(Row row) {
    Lambda lambda = new Lambda(r -> AppResponse.of(200));
    Throwable t = catchThrowable(() -> lambda.invoke(row.input().get()));
    assertThat(t).as(row.name()).isExactlyInstanceOf(row.type());
    if (row.problem() != null) {
      assertThat(((BadEventException) t).problem()).isEqualTo(row.problem());
    }
    for (String f : row.fragments()) {
      assertThat(t.getMessage()).contains(f);
    }
    assertThat(t).hasMessageContaining("docs/troubleshooting.md#");
    assertThat(lambda.requests).as("the application must not be called").isEmpty();
    assertThat(lambda.output.size()).as("nothing may be written").isZero();
  }

  @Test
  void atLeastFifteenRows() {
    assertThat(rows().count()).isGreaterThanOrEqualTo(15);
  }

  /**
   * Decision: an S3 key is data. A key that decodes to {@code ../../etc/passwd} or carries CR/LF is
   * accepted; the route stays {@code /aws.s3}. A CloudEvents String cannot hold control characters,
   * so the subject carries them percent-encoded ({@code a%0D%0AHost: evil}), and the {@code
   * ce-subject} header encodes that once more.
   */
  @Test
  void hostileS3KeysAreDataNeverPathOrHeaderInjection() {
    Lambda lambda = new Lambda(r -> AppResponse.of(200));
    lambda.invoke(Events.s3("..%2F..%2Fetc%2Fpasswd"));
    lambda.invoke(Events.s3("a%0D%0AHost%3A+evil"));
    assertThat(lambda.requests).extracting(r -> r.path()).containsExactly("/aws.s3", "/aws.s3");
    assertThat(lambda.requests.get(0).header("ce-subject")).contains("../../etc/passwd");
    assertThat(lambda.requests.get(1).header("ce-subject")).contains("a%250D%250AHost:%20evil");
    assertThat(lambda.requests.get(1).headers().all("Host")).isEmpty();
  }
}
