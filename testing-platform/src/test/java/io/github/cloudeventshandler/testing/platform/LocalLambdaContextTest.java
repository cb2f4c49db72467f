package io.github.cloudeventshandler.testing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalLambdaContextTest {

  @Test
  void theRemainingTimeCountsDownFromTheTimeout() throws InterruptedException {
    LocalLambdaContext c = LocalLambdaContext.builder().timeout(Duration.ofMillis(400)).build();
    int first = c.getRemainingTimeInMillis();
    assertThat(first).isBetween(1, 400);
    Thread.sleep(450);
    assertThat(c.getRemainingTimeInMillis()).isZero();
  }

  @Test
  void namesAndArnFollowTheBuilder() {
    LocalLambdaContext c =
        LocalLambdaContext.builder()
            .requestId("req-1")
            .functionName("books")
            .functionVersion("7")
            .region("eu-west-1")
            .accountId("000000000000")
            .memoryLimitMb(1024)
            .xrayTraceId("Root=1-5759e988-bd862e3fe1be46a994272793")
            .build();
    assertThat(c.getAwsRequestId()).isEqualTo("req-1");
    assertThat(c.getInvokedFunctionArn())
        .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:books");
    assertThat(c.getLogGroupName()).isEqualTo("/aws/lambda/books");
    assertThat(c.getLogStreamName()).matches("\\d{4}/\\d{2}/\\d{2}/\\[7\\]req1");
    assertThat(c.getMemoryLimitInMB()).isEqualTo(1024);
    assertThat(c.getXrayTraceId()).startsWith("Root=1-");
    assertThat(c.getIdentity()).isNull();
    assertThat(c.getClientContext()).isNull();
  }

  @Test
  void aFrozenRemainingTimeStaysPut() throws InterruptedException {
    LocalLambdaContext c =
        LocalLambdaContext.builder()
            .frozenRemainingTime(Duration.ofSeconds(30))
            .logStreamName("2026/11/23/[$LATEST]abc")
            .build();
    Thread.sleep(20);
    assertThat(c.getRemainingTimeInMillis()).isEqualTo(30_000);
    assertThat(c.getLogStreamName()).isEqualTo("2026/11/23/[$LATEST]abc");
  }

  @Test
  void everyContextHasItsOwnRequestId() {
    assertThat(LocalLambdaContext.create().getAwsRequestId())
        .isNotEqualTo(LocalLambdaContext.create().getAwsRequestId());
  }

  @Test
  void theLoggerKeepsItsLinesAndHandsThemOn() {
    List<String> sink = new ArrayList<>();
    LocalLambdaContext c = LocalLambdaContext.builder().logTo(sink::add).build();
    c.getLogger().log("one");
    c.getLogger().log("two".getBytes(StandardCharsets.UTF_8));
    assertThat(c.logLines()).containsExactly("one", "two");
    assertThat(sink).containsExactly("one", "two");
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> LocalLambdaContext.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocalLambdaContext.builder().memoryLimitMb(64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("128 MB");
  }
}
