package io.github.cloudeventshandler.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.DispatchException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assertions say what the platform got and what the application saw when they fail. */
class PlatformReplyAssertTest {
  private static final AppRequest S3 = AppRequest.builder("POST", "/aws.s3").build();

  private static PlatformReply lambda(String json, int appStatus) {
    return PlatformReply.lambda(
        json.getBytes(StandardCharsets.UTF_8),
        List.of(new PlatformReply.Exchange(S3, AppResponse.of(appStatus), null)));
  }

  @Test
  void succeededFailsWithTheReplyAndEveryExchange() {
    PlatformReply thrown =
        PlatformReply.thrown(
            PlatformReply.EntryPoint.LAMBDA,
            new DispatchException("aws aws.s3: HTTP 500 from POST /aws.s3"),
            List.of(new PlatformReply.Exchange(S3, AppResponse.of(500), null)));
    assertThatThrownBy(() -> assertThat(thrown).succeeded())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected the delivery to succeed")
        .hasMessageContaining("threw io.github.cloudeventshandler.core.DispatchException")
        .hasMessageContaining("POST /aws.s3 -> HTTP 500");
    assertThat(thrown).failed().threw(DispatchException.class).routedTo("/aws.s3");
    assertThatThrownBy(() -> assertThat(thrown).reachedNoApplication())
        .hasMessageContaining("expected no request to reach the application");
  }

  @Test
  void batchItemFailuresCountAsAFailedDelivery() {
    PlatformReply partial = lambda("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}", 500);
    assertThat(partial.isSuccess()).isFalse();
    assertThat(partial).failed().batchItemFailures().containsExactly("m-2");
    assertThat(lambda("{\"batchItemFailures\":[]}", 200)).succeeded().batchItemFailures().isEmpty();
    assertThatThrownBy(() -> assertThat(lambda("{\"statusCode\":200}", 200)).batchItemFailures())
        .hasMessageContaining("expected a Lambda batchItemFailures result");
  }

  @Test
  void proxyResultsGiveStatusBodyAndHeaders() {
    PlatformReply proxy =
        lambda(
            "{\"statusCode\":201,\"headers\":{\"Location\":\"/books/7\"},"
                + "\"body\":\"aGk=\",\"isBase64Encoded\":true}",
            201);
    assertThat(proxy).succeeded().hasStatus(201);
    assertThat(proxy).body().isEqualTo("hi");
    assertThat(proxy).header("location").isEqualTo("/books/7");
    assertThatThrownBy(() -> assertThat(proxy).hasStatus(200)).hasMessageContaining("status 200");
  }

  @Test
  void httpRepliesSucceedOnlyWith2xx() {
    PlatformReply nack =
        PlatformReply.http(PlatformReply.EntryPoint.GCP_HTTP, AppResponse.of(503), List.of());
    assertThat(nack).failed().hasStatus(503).reachedNoApplication();
    assertThatThrownBy(() -> assertThat(nack).routedTo("/x"))
        .hasMessageContaining("expected requests to [/x], but they went to []");
    assertThat(
            PlatformReply.http(PlatformReply.EntryPoint.AZURE_HTTP, AppResponse.of(204), List.of()))
        .succeeded();
  }
}
