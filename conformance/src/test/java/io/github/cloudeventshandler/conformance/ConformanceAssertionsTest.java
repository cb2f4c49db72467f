package io.github.cloudeventshandler.conformance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConformanceAssertionsTest {

  static ConformanceCase sidecar(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    return new ConformanceCase("test", "unit", "case", null, new byte[0], o);
  }

  private static final ConformanceCase ONE_REQUEST =
      sidecar(
          """
          {"entryPoint": "lambda",
           "requests": [{"method": "POST", "path": "/aws.s3", "query": null,
             "ce": {"specversion": "1.0", "id": "1", "subject": "Euro € 😀"},
             "headers": {"Content-Type": "application/json"},
             "bodyJson": {"a": 1.0, "b": [true, "x"]}}]}
          """);

  private static AppRequest.Builder matching() {
    return AppRequest.builder("POST", "/aws.s3")
        .header("ce-specversion", "1.0")
        .header("ce-id", "1")
        .header("ce-subject", "Euro%20%E2%82%AC%20%F0%9F%98%80")
        .header("Content-Type", "application/json")
        .header("X-Other", "allowed")
        .body("{\"b\":[true,\"x\"],\"a\":1}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aMatchingRequestPasses() {
    assertThatCode(
            () -> ConformanceAssertions.assertRequests(ONE_REQUEST, List.of(matching().build())))
        .doesNotThrowAnyException();
  }

  @Test
  void everyDifferenceIsNamed() {
    AppRequest wrong =
        AppRequest.builder("PUT", "/aws.sqs")
            .query("x=1")
            .header("ce-specversion", "1.0")
            .header("ce-id", "2")
            .header("ce-extra", "x")
            .header("Content-Type", "text/plain")
            .body("{\"a\":2,\"b\":[true,\"x\"]}".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThatThrownBy(() -> ConformanceAssertions.assertRequests(ONE_REQUEST, List.of(wrong)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("test/unit/case")
        .hasMessageContaining("method: expected 'POST' but was 'PUT'")
        .hasMessageContaining("path: expected '/aws.s3' but was '/aws.sqs'")
        .hasMessageContaining("query: expected null but was 'x=1'")
        .hasMessageContaining("ce-id: expected '1' but was '2'")
        .hasMessageContaining("missing header ce-subject")
        .hasMessageContaining("unexpected header ce-extra")
        .hasMessageContaining("Content-Type: expected 'application/json' but was 'text/plain'")
        .hasMessageContaining("bodyJson.a: expected 1.0 but was 2");
  }

  @Test
  void theNumberOfRequestsMustMatch() {
    assertThatThrownBy(
            () ->
                ConformanceAssertions.assertRequests(
                    ONE_REQUEST, List.of(matching().build(), matching().build())))
        .hasMessageContaining("expected 1 request(s) but the application received 2");
  }

  @Test
  void invalidPercentEncodingInACeHeaderIsADifference() {
    AppRequest bad = matching().setHeader("ce-subject", "%C0%A0").build();
    assertThatThrownBy(() -> ConformanceAssertions.assertRequests(ONE_REQUEST, List.of(bad)))
        .hasMessageContaining("ce-subject is not valid percent-encoded UTF-8");
  }

  @Test
  void bodyTextDigestAndBase64AreCompared() {
    ConformanceCase c =
        sidecar(
            """
            {"entryPoint": "lambda", "requests": [
              {"body": "hi"},
              {"bodySha256": "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4"},
              {"bodyBase64": "aGk="}]}
            """);
    AppRequest hi =
        AppRequest.builder("POST", "/").body("hi".getBytes(StandardCharsets.UTF_8)).build();
    assertThatCode(() -> ConformanceAssertions.assertRequests(c, List.of(hi, hi, hi)))
        .doesNotThrowAnyException();
    AppRequest ho =
        AppRequest.builder("POST", "/").body("ho".getBytes(StandardCharsets.UTF_8)).build();
    assertThatThrownBy(() -> ConformanceAssertions.assertRequests(c, List.of(ho, ho, ho)))
        .hasMessageContaining("body: expected 'hi' but was 'ho'")
        .hasMessageContaining("bodySha256: expected 8f43")
        .hasMessageContaining("bodyBase64: expected aGk= but was aG8=");
  }

  @Test
  void anErrorCaseMustNotReachTheApplication() {
    ConformanceCase c =
        sidecar("{\"entryPoint\": \"lambda\", \"error\": {\"type\": \"BadEventException\"}}");
    assertThatCode(() -> ConformanceAssertions.assertRequests(c, List.of()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ConformanceAssertions.assertRequests(c, List.of(matching().build())))
        .hasMessageContaining("must fail before reaching the application");
  }

  @Test
  void errorsAreComparedByTypeProblemAndMessage() {
    ConformanceCase c =
        sidecar(
            """
            {"entryPoint": "lambda", "error": {"type": "CloudEventsHandlerException",
              "problem": "MISSING_FIELD", "messageContains": ["messageId", "aws.sqs"]}}
            """);
    assertThatCode(
            () ->
                ConformanceAssertions.assertError(
                    c,
                    new BadEventException(
                        Problem.MISSING_FIELD, "aws.sqs: record 2 has no messageId")))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ConformanceAssertions.assertError(
                    c, new BadEventException(Problem.INVALID_FIELD, "aws.sqs: bad body")))
        .hasMessageContaining("error.problem: expected MISSING_FIELD but was INVALID_FIELD")
        .hasMessageContaining("'messageId' not in");
    assertThatThrownBy(
            () -> ConformanceAssertions.assertError(c, new UnrecognizedEventException("x")))
        .hasMessageContaining("(not a BadEventException)");
    assertThatThrownBy(
            () -> ConformanceAssertions.assertError(ONE_REQUEST, new IllegalStateException("boom")))
        .hasMessageContaining("must not fail");
  }

  @Test
  void repliesAreComparedAsJson() {
    ConformanceCase c =
        sidecar(
            """
            {"entryPoint": "lambda", "reply": {"batchItemFailures": [{"itemIdentifier": "a"}]}}
            """);
    assertThatCode(
            () ->
                ConformanceAssertions.assertReply(
                    c,
                    JsonParser.parseString("{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"}]}")))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ConformanceAssertions.assertReply(
                    c, JsonParser.parseString("{\"batchItemFailures\":[]}")))
        .hasMessageContaining("reply.batchItemFailures: expected 1 elements but was 0");
    assertThatThrownBy(
            () ->
                ConformanceAssertions.assertReply(
                    c, JsonParser.parseString("{\"batchItemFailures\":[{\"itemIdentifier\":1}]}")))
        .hasMessageContaining(
            "reply.batchItemFailures[0].itemIdentifier: expected \"a\" but was 1");
  }

  @Test
  void httpRepliesAreComparedByStatusHeadersAndBody() {
    ConformanceCase c =
        sidecar(
            """
            {"entryPoint": "http", "replyStatus": 200,
             "replyHeaders": {"Content-Type": "application/json"}, "replyJson": {"ok": true}}
            """);
    assertThatCode(
            () ->
                ConformanceAssertions.assertHttpReply(
                    c, AppResponse.of(200, "application/json", "{\"ok\":true}")))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ConformanceAssertions.assertHttpReply(
                    c,
                    new AppResponse(
                        503, Headers.empty(), "{\"ok\":false}".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("replyStatus: expected 200 but was 503")
        .hasMessageContaining("Content-Type: expected 'application/json' but was absent")
        .hasMessageContaining("replyJson.ok: expected true but was false");
  }
}
