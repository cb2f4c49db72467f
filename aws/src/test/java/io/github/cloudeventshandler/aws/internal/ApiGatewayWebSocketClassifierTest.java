package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.RecordOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad WebSocket events, what is not claimed, and the reply shape's edges. */
class ApiGatewayWebSocketClassifierTest {
  private final ApiGatewayWebSocketClassifier classifier = new ApiGatewayWebSocketClassifier();

  private static String event(String context, String rest) {
    return "{\"requestContext\":{\"connectionId\":\"c1=\",\"routeKey\":\"$default\","
        + "\"eventType\":\"MESSAGE\",\"apiId\":\"api1\",\"stage\":\"prod\",\"requestId\":\"r1\""
        + context
        + "}"
        + rest
        + "}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no apiId|\"apiId\":\"api1\",||MISSING_FIELD|field requestContext.apiId is missing",
        "stage a number|\"stage\":\"prod\"|\"stage\":7|INVALID_FIELD|field requestContext.stage"
            + " must be a string but is a number",
        "empty connectionId|\"c1=\"|\"\"|MISSING_FIELD|field requestContext.connectionId is empty",
        "unknown eventType|\"MESSAGE\"|\"PING\"|INVALID_FIELD|field requestContext.eventType is"
            + " 'PING', not CONNECT, MESSAGE or DISCONNECT",
      })
  void brokenContexts(String what, String from, String to, Problem problem, String contains) {
    String json = event("", "").replace(from, to == null ? "" : to);
    assertThatThrownBy(() -> classifier.classify(DispatchProbe.raw(json)))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("aws aws.apigateway.websocket event r1: ")
        .hasMessageContaining(contains)
        .extracting(e -> ((BadEventException) e).problem())
        .isEqualTo(problem);
  }

  /**
   * Issue 10, class 1: a route key is the API's own name for a route; a control character in it is
   * percent-encoded in the {@code eventname} extension (a CloudEvents String cannot hold it), never
   * a reason to refuse the message, and never reaches a header raw.
   */
  @Test
  void aRouteKeyWithAControlCharacterIsEncodedInTheExtension() {
    String json = event("", "").replace("\"$default\"", "\"send\\r\\nX-Evil: 1\"");
    ClassifiedEvent e = classifier.classify(DispatchProbe.raw(json)).orElseThrow();
    assertThat(e.records().get(0).cloudEvent().getExtension("eventname"))
        .isEqualTo("send%0D%0AX-Evil: 1");
  }

  @Test
  void aTimeThatIsNotEpochMillisecondsIsRefused() {
    String json = event(",\"requestTimeEpoch\":\"yesterday\"", "");
    assertThatThrownBy(() -> classifier.classify(DispatchProbe.raw(json)))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("requestTimeEpoch");
  }

  @Test
  void badBase64IsRefused() {
    String json = event("", ",\"body\":\"***\",\"isBase64Encoded\":true");
    assertThatThrownBy(() -> classifier.classify(DispatchProbe.raw(json)))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("base64");
  }

  @Test
  void aQueryValueThatIsNotAStringIsRefused() {
    String json =
        event("", ",\"queryStringParameters\":{\"a\":{\"b\":1}}")
            .replace("\"MESSAGE\"", "\"CONNECT\"");
    assertThatThrownBy(() -> classifier.classify(DispatchProbe.raw(json)))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("queryStringParameters.a");
  }

  @Test
  void authorizerEventsAndRestEventsAreNotClaimed() {
    assertThat(
            classifier.classify(
                DispatchProbe.raw(
                    event("", ",\"methodArn\":\"arn:aws:execute-api:x\",\"type\":\"REQUEST\""))))
        .isEmpty();
    assertThat(
            classifier.classify(
                DispatchProbe.raw("{\"httpMethod\":\"GET\",\"requestContext\":{\"stage\":\"p\"}}")))
        .isEmpty();
  }

  @Test
  void withoutRequestIdsTheLambdaRequestIdIsTheId() {
    String json = event("", "").replace(",\"requestId\":\"r1\"", "");
    ClassifiedEvent e = classifier.classify(DispatchProbe.raw(json, "lambda-req")).orElseThrow();
    assertThat(e.records().get(0).cloudEvent().getId()).isEqualTo("lambda-req");
  }

  @Test
  void aConnectAnswerThatIsNotJsonSetsNoSubprotocol() {
    String json = event("", "").replace("\"MESSAGE\"", "\"CONNECT\"");
    ClassifiedEvent e = classifier.classify(DispatchProbe.raw(json)).orElseThrow();
    AppResponse notJson =
        new AppResponse(
            200,
            Headers.builder().add("Content-Type", "text/plain").build(),
            "subprotocol".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var reply =
        new ApiGatewayWebSocketReply()
            .reply(
                new DispatchResult(
                    e, List.of(new RecordOutcome.Handled(e.records().get(0), notJson))),
                null,
                null)
            .getAsJsonObject();
    assertThat(reply.getAsJsonObject("headers").has("Sec-WebSocket-Protocol")).isFalse();
    assertThat(reply.get("body").getAsString()).isEqualTo("subprotocol");
  }
}
