package io.github.cloudeventshandler.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplyCheckTest {
  /** A's reply as aws-serverless-java-container 3.0.2 gives it (payload 1.0 fields included). */
  private static final String A =
      "{\"body\":\"{\\\"bodyLength\\\":1024,\\\"contentType\\\":\\\"application/json;"
          + " charset=UTF-8\\\"}\",\"headers\":{\"X-Bench-Filter\":\"ran\",\"Content-Type\":"
          + "\"application/json\"},\"isBase64Encoded\":false,\"multiValueHeaders\":{\"Content-Type\":"
          + "[\"application/json\"],\"X-Bench-Filter\":[\"ran\"]},\"statusCode\":200}";

  /** B's reply as LambdaHandler gives it. */
  private static final String B =
      "{\"statusCode\":200,\"headers\":{\"X-Bench-Filter\":\"ran\",\"Content-Type\":"
          + "\"application/json\"},\"cookies\":[],\"body\":\"{\\\"bodyLength\\\":1024,"
          + "\\\"contentType\\\":\\\"application/json; charset=utf-8\\\"}\",\"isBase64Encoded\":false}";

  @Test
  void theRecordedRepliesOfBothHandlersPass() {
    assertThat(ReplyCheck.echo(A, B)).isEmpty();
  }

  @Test
  void aMissingFilterHeaderFails() {
    assertThat(ReplyCheck.echo(A, B.replace("\"X-Bench-Filter\":\"ran\",", "")))
        .containsExactly("B has no X-Bench-Filter: ran (the filter did not run)");
  }

  @Test
  void anotherStatusOrBodyFails() {
    assertThat(ReplyCheck.echo(A.replace(":200}", ":500}"), B))
        .anySatisfy(p -> assertThat(p).startsWith("A answered 500"));
    assertThat(ReplyCheck.echo(A, B.replace("1024", "1000")))
        .contains("B saw a body of 1000 bytes")
        .anySatisfy(p -> assertThat(p).startsWith("bodies differ"));
    assertThat(ReplyCheck.echo(A, B.replace("charset=utf-8", "charset=ISO-8859-1")))
        .anySatisfy(p -> assertThat(p).startsWith("bodies differ"));
  }

  @Test
  void aReplyThatIsNotAProxyResponseIsRejected() {
    assertThatThrownBy(() -> ReplyCheck.echo(A, "{\"errorMessage\":\"boom\"}"))
        .hasMessageContaining("no statusCode");
  }

  @Test
  void theBooksCheckWantsTheSameBody() {
    String ok = "{\"statusCode\":200,\"body\":\"[]\"}";
    assertThat(ReplyCheck.sameBody(ok, ok)).isEmpty();
    assertThat(ReplyCheck.sameBody(ok, "{\"statusCode\":200,\"body\":\"[{}]\"}")).hasSize(1);
  }
}
