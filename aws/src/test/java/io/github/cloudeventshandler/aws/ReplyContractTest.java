package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BatchMode;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.PayloadMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Each {@link LambdaReply} contract, through the real {@link LambdaHandler}. */
class ReplyContractTest {

  private static AppResponse status(int s) {
    return AppResponse.of(s);
  }

  // checklist 1
  @Test
  void sqsStandardBatchReportsOnlyTheFailedMessage() {
    Lambda lambda = new Lambda(r -> status(r.bodyText().contains("\"m2\"") ? 500 : 200));
    String out = lambda.invoke(Events.sqs(5, false));
    assertThat(JsonParser.parseString(out))
        .isEqualTo(JsonParser.parseString("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}"));
    assertThat(lambda.requests).hasSize(5);
    assertThat(lambda.requests).allSatisfy(r -> assertThat(r.path()).isEqualTo("/aws.sqs"));
  }

  // checklist 2
  @Test
  void sqsAllHandledIsAnEmptyList() {
    Lambda lambda = new Lambda(r -> status(204));
    assertThat(lambda.invoke(Events.sqs(3, false))).isEqualTo("{\"batchItemFailures\":[]}");
  }

  // checklist 3
  @Test
  void sqsFifoStopsAtTheFirstFailureAndReportsTheRest() {
    Lambda lambda = new Lambda(r -> status(r.bodyText().contains("\"m2\"") ? 503 : 200));
    String out = lambda.invoke(Events.sqs(5, true));
    assertThat(JsonParser.parseString(out))
        .isEqualTo(
            JsonParser.parseString(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m3\"},"
                    + "{\"itemIdentifier\":\"m4\"},{\"itemIdentifier\":\"m5\"}]}"));
    assertThat(lambda.requests).hasSize(2);
  }

  // checklist 4
  @Test
  void kinesisReportsTheFailedSequenceNumberAndStops() {
    Lambda lambda = new Lambda(r -> status(r.bodyText().contains("seq3") ? 500 : 200));
    String out = lambda.invoke(Events.kinesis(4));
    assertThat(JsonParser.parseString(out))
        .isEqualTo(
            JsonParser.parseString(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"seq3\"},{\"itemIdentifier\":\"seq4\"}]}"));
    assertThat(lambda.requests).hasSize(3);
  }

  // checklist 5
  @Test
  void dynamoDbReportsTheFailedSequenceNumber() {
    Lambda lambda = new Lambda(r -> status(r.bodyText().contains("ddb2") ? 500 : 200));
    String out = lambda.invoke(Events.dynamo(3));
    assertThat(JsonParser.parseString(out))
        .isEqualTo(
            JsonParser.parseString(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"ddb2\"},{\"itemIdentifier\":\"ddb3\"}]}"));
  }

  @Test
  void wholeBatchModeSendsOneRequestWhoseStatusAppliesToEveryRecord() {
    Configuration whole = Configuration.builder().batch(BatchMode.WHOLE).build();
    Lambda lambda = new Lambda(whole, r -> status(500), (u, b, t) -> {});
    String out = lambda.invoke(Events.sqs(3, false));
    assertThat(lambda.requests).hasSize(1);
    assertThat(lambda.requests.get(0).bodyText()).isEqualTo(Events.sqs(3, false));
    assertThat(JsonParser.parseString(out).getAsJsonObject().getAsJsonArray("batchItemFailures"))
        .hasSize(3);
  }

  @Test
  void unwrappedModeSendsTheMessageBody() {
    Configuration unwrapped = Configuration.builder().payload(PayloadMode.UNWRAPPED).build();
    Lambda lambda = new Lambda(unwrapped, r -> status(200), (u, b, t) -> {});
    lambda.invoke(Events.sqs(2, false));
    assertThat(lambda.requests).extracting(r -> r.bodyText()).containsExactly("body 1", "body 2");
    assertThat(lambda.requests.get(0).header("Content-Type")).contains("text/plain; charset=utf-8");
    assertThat(lambda.requests.get(0).header("ce-id")).contains("m1");
  }

  @Test
  void asyncAllHandledReturnsTheLastResponse() {
    Lambda lambda = new Lambda(r -> AppResponse.of(201, "application/json", "{\"ok\":true}"));
    JsonObject out = lambda.invokeJson(Events.s3("a/b.txt")).getAsJsonObject();
    assertThat(out.get("statusCode").getAsInt()).isEqualTo(201);
    assertThat(out.getAsJsonObject("headers").get("Content-Type").getAsString())
        .isEqualTo("application/json");
    assertThat(out.get("body").getAsString()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void asyncFailureThrowsNamingTheRecordAndStatusAndWritesNothing() {
    Lambda lambda = new Lambda(r -> status(500));
    assertThatThrownBy(() -> lambda.invoke(Events.s3("a/b.txt")))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("aws.s3")
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("R.I2");
    assertThat(lambda.output.size()).isZero();
  }

  @Test
  void asyncApplicationExceptionThrows() {
    Lambda lambda =
        new Lambda(
            r -> {
              throw new IllegalStateException("bridge down");
            });
    assertThatThrownBy(() -> lambda.invoke(Events.s3("k")))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("bridge down");
  }

  @Test
  void firehoseGivesOneResultPerRecord() {
    String data1 = Base64.getEncoder().encodeToString("one".getBytes(StandardCharsets.UTF_8));
    String data2 = Base64.getEncoder().encodeToString("two".getBytes(StandardCharsets.UTF_8));
    Lambda lambda =
        new Lambda(
            r ->
                r.bodyText().contains("\"r2\"")
                    ? status(500)
                    : AppResponse.of(200, "text/plain", "ONE"));
    String out = lambda.invoke(Events.firehose(data1, data2));
    String ok = Base64.getEncoder().encodeToString("ONE".getBytes(StandardCharsets.UTF_8));
    assertThat(JsonParser.parseString(out))
        .isEqualTo(
            JsonParser.parseString(
                "{\"records\":[{\"recordId\":\"r1\",\"result\":\"Ok\",\"data\":\""
                    + ok
                    + "\"},{\"recordId\":\"r2\",\"result\":\"ProcessingFailed\",\"data\":\""
                    + data2
                    + "\"}]}"));
    assertThat(lambda.requests).hasSize(2);
  }

  @Test
  void responseBodyIsTheApplicationsJson() {
    String token =
        "{\"type\":\"TOKEN\",\"authorizationToken\":\"t\","
            + "\"methodArn\":\"arn:aws:execute-api:us-east-1:1:api/prod/GET/x\"}";
    String policy = "{\"principalId\":\"u\",\"policyDocument\":{\"Version\":\"2012-10-17\"}}";
    Lambda lambda = new Lambda(r -> AppResponse.of(200, "application/json", policy));
    assertThat(JsonParser.parseString(lambda.invoke(token)))
        .isEqualTo(JsonParser.parseString(policy));
    assertThat(lambda.requests.get(0).path()).isEqualTo("/aws.apigateway.authorizer");
    assertThat(lambda.requests.get(0).bodyText()).isEqualTo(token);
  }

  @Test
  void responseBodyThatIsNotJsonOrNot2xxThrows() {
    String token =
        "{\"type\":\"TOKEN\",\"authorizationToken\":\"t\",\"methodArn\":\"arn:aws:execute-api:x\"}";
    assertThatThrownBy(
            () -> new Lambda(r -> AppResponse.of(200, "text/plain", "Allow")).invoke(token))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("must be JSON");
    assertThatThrownBy(() -> new Lambda(r -> status(403)).invoke(token))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("HTTP 403");
  }

  // checklist 8
  @Test
  void apiGatewayV1TwoCookiesAndABinaryBody() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF};
    AppResponse response =
        new AppResponse(
            200,
            Headers.builder()
                .add("Content-Type", "image/png")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2")
                .add("Content-Length", "6")
                .build(),
            png);
    Lambda lambda = new Lambda(r -> response);
    JsonObject out = lambda.invokeJson(Events.apiV1().toString()).getAsJsonObject();
    assertThat(out.get("statusCode").getAsInt()).isEqualTo(200);
    assertThat(out.getAsJsonObject("multiValueHeaders").getAsJsonArray("Set-Cookie")).hasSize(2);
    assertThat(out.getAsJsonObject("headers").has("Set-Cookie")).isFalse();
    assertThat(out.getAsJsonObject("headers").has("Content-Length")).isFalse();
    assertThat(out.get("isBase64Encoded").getAsBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(out.get("body").getAsString())).isEqualTo(png);
  }

  @Test
  void apiGatewayV1RequestIsPassedThrough() {
    Lambda lambda = new Lambda(r -> status(200));
    lambda.invoke(Events.apiV1().toString());
    var r = lambda.requests.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/books/a%20b");
    assertThat(r.header("Host")).contains("x.execute-api.us-east-1.amazonaws.com");
    assertThat(r.body()).isEqualTo(Base64.getDecoder().decode("iVBORw0K"));
    assertThat(r.header("ce-id")).isEmpty();
  }

  @Test
  void httpAppErrorsAreReturnedNotThrown() {
    Lambda lambda = new Lambda(r -> AppResponse.of(404, "text/plain", "nope"));
    JsonObject out = lambda.invokeJson(Events.apiV1().toString()).getAsJsonObject();
    assertThat(out.get("statusCode").getAsInt()).isEqualTo(404);
    assertThat(out.get("body").getAsString()).isEqualTo("nope");
    assertThat(out.get("isBase64Encoded").getAsBoolean()).isFalse();
  }

  // checklist 9
  @Test
  void apiGatewayV2CookiesGoToCookiesAndNeverToHeaders() {
    AppResponse response =
        new AppResponse(
            200,
            Headers.builder()
                .add("Content-Type", "application/json")
                .add("Set-Cookie", "a=1")
                .add("set-cookie", "b=2")
                .build(),
            "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
    Lambda lambda = new Lambda(r -> response);
    JsonObject out = lambda.invokeJson(Events.apiV2().toString()).getAsJsonObject();
    assertThat(out.getAsJsonArray("cookies")).hasSize(2);
    assertThat(out.getAsJsonObject("headers").keySet())
        .noneMatch(k -> k.equalsIgnoreCase("set-cookie"));
    assertThat(out.get("statusCode").getAsInt()).isEqualTo(200);
    assertThat(out.get("body").getAsString()).isEqualTo("{\"x\":1}");
    assertThat(out.get("isBase64Encoded").getAsBoolean()).isFalse();
    var r = lambda.requests.get(0);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.target()).isEqualTo("/my/path?a=1&a=2");
    assertThat(r.header("Cookie")).contains("c1=v1; c2=v2");
    assertThat(r.header("Host")).contains("id.execute-api.us-east-1.amazonaws.com");
  }

  @Test
  void aDecodedQuestionMarkInAPathNeverStartsAQuery() {
    Lambda lambda = new Lambda(r -> status(200));
    JsonObject v2 = Events.apiV2();
    v2.addProperty("rawPath", "/users/me?admin=true");
    lambda.invoke(v2.toString());
    JsonObject v1 = Events.apiV1();
    v1.addProperty("path", "/files/100 done#x");
    lambda.invoke(v1.toString());
    assertThat(lambda.requests.get(0).path()).isEqualTo("/users/me%3Fadmin=true");
    assertThat(lambda.requests.get(0).query()).isEqualTo("a=1&a=2");
    assertThat(lambda.requests.get(1).path()).isEqualTo("/files/100%20done%23x");
  }

  // checklist 10
  @Test
  void albMultiValueRequestGetsMultiValueResponseWithStatusDescription() {
    Lambda lambda = new Lambda(r -> AppResponse.of(200, "text/plain", "hi"));
    JsonObject out = lambda.invokeJson(Events.alb(true).toString()).getAsJsonObject();
    assertThat(out.get("statusDescription").getAsString()).isEqualTo("200 OK");
    assertThat(out.has("headers")).isFalse();
    assertThat(out.getAsJsonObject("multiValueHeaders").getAsJsonArray("Content-Type")).hasSize(1);
    var r = lambda.requests.get(0);
    assertThat(r.target()).isEqualTo("/a%20b?q=1&q=2");
    assertThat(r.headers().all("accept")).containsExactly("text/html", "application/json");
  }

  @Test
  void albSingleValueRequestGetsSingleValueResponse() {
    Lambda lambda = new Lambda(r -> AppResponse.of(503, "text/plain", "busy"));
    JsonObject out = lambda.invokeJson(Events.alb(false).toString()).getAsJsonObject();
    assertThat(out.get("statusDescription").getAsString()).isEqualTo("503 Service Unavailable");
    assertThat(out.has("multiValueHeaders")).isFalse();
    assertThat(out.getAsJsonObject("headers").get("Content-Type").getAsString())
        .isEqualTo("text/plain");
    assertThat(lambda.requests.get(0).target()).isEqualTo("/a%20b?q=a%20b");
  }

  @Test
  void everyRequestCarriesTheRequestIdAndTraceHeaders() {
    System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-abc;Parent=def;Sampled=1");
    try {
      Lambda lambda = new Lambda(r -> status(200));
      JsonObject alb = Events.alb(false);
      alb.getAsJsonObject("headers").addProperty("lambda-runtime-aws-request-id", "forged");
      lambda.invoke(alb.toString());
      lambda.invoke(Events.sqs(2, false));
      assertThat(lambda.requests).hasSize(3);
      assertThat(lambda.requests)
          .allSatisfy(
              r -> {
                assertThat(r.headers().all("lambda-runtime-aws-request-id"))
                    .containsExactly("req-1");
                assertThat(r.headers().all("x-amzn-trace-id"))
                    .containsExactly("Root=1-abc;Parent=def;Sampled=1");
                assertThat(r.attributes().get("io.github.cloudeventshandler.platformContext"))
                    .isSameAs(lambda.context);
              });
    } finally {
      System.clearProperty("com.amazonaws.xray.traceHeader");
    }
  }

  @Test
  void budgetLeavesAMarginOfTheRemainingTime() {
    Lambda lambda = new Lambda(r -> status(200));
    lambda.invoke(Events.sqs(1, false));
    // 30 s left: a tenth is 3 s, capped at 2 s
    assertThat(lambda.handler.budget(lambda.context).toMillis()).isEqualTo(28_000);
    assertThat(lambda.requests.get(0).timeout().toMillis()).isBetween(20_000L, 28_000L);
    assertThat(lambda.handler.budget(null)).isEqualTo(Configuration.builder().build().timeout());
  }
}
