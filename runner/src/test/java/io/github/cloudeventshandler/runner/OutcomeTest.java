package io.github.cloudeventshandler.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one delivery is printed: the status column and the Lambda reply. */
class OutcomeTest {

  @Test
  void theProjectsOwnMarksOnAnAnswerAreShownWithTheStatus() {
    AppResponse replayed =
        new AppResponse(
            200,
            Headers.builder()
                .add("Content-Type", "application/json")
                .add("CEH-Idempotency", "replayed")
                .build(),
            "{}".getBytes(StandardCharsets.UTF_8));
    Outcome o =
        new Outcome(
            "case",
            EntryPoint.GCP_BACKGROUND,
            AppResponse.of(200),
            null,
            List.of(
                new AnswerLog.Exchange(AppRequest.builder("POST", "/x").build(), replayed, null)));
    assertThat(o.status()).isEqualTo("ok app=200 (CEH-Idempotency: replayed)");
  }

  @Test
  void aLongLambdaResultKeepsItsStatusAndBodyVisible() {
    String result =
        "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\",\"X-Correlation-Id\":"
            + "\"0123456789012345678901234567890123456789\"},\"body\":\"{\\\"results\\\":[\\\"CREATED\\\"]}\"}";
    assertThat(Outcome.compact(result, 100))
        .isEqualTo(
            "{\"statusCode\":200,\"headers\":{…},\"body\":\"{\\\"results\\\":[\\\"CREATED\\\"]}\"}");
    assertThat(Outcome.compact("{\"batchItemFailures\":[]}", 100))
        .isEqualTo("{\"batchItemFailures\":[]}");
  }
}
