package io.github.cloudeventshandler.testing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import io.github.cloudeventshandler.core.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalAzureHttpExchangeTest {

  @Test
  void theRequestHasOneValuePerHeaderNameLikeTheHost() {
    LocalAzureHttpRequest<Optional<String>> r =
        LocalAzureHttpRequest.builder("POST", "/api/events?code=k%3D1&x=a+b")
            .header("aeg-event-type", "Notification")
            .headers(Headers.builder().add("Accept", "a").add("accept", "b").build())
            .headers(Map.of("Content-Type", "application/json"))
            .body("[]");
    assertThat(r.getHttpMethod()).isEqualTo(HttpMethod.POST);
    assertThat(r.getUri().toString())
        .isEqualTo("http://localhost:7071/api/events?code=k%3D1&x=a+b");
    assertThat(r.getHeaders()).containsEntry("AEG-EVENT-TYPE", "Notification");
    assertThat(r.getHeaders().get("accept")).isEqualTo("a, b");
    assertThat(r.getQueryParameters()).containsEntry("code", "k=1").containsEntry("x", "a b");
    assertThat(r.getBody()).hasValue("[]");
  }

  @Test
  void bodiesAreBoundAsTheFunctionDeclaresThem() {
    HttpRequestMessage<Optional<byte[]>> binary =
        LocalAzureHttpRequest.builder("POST", "/api/x").bytes(new byte[] {1, 2});
    assertThat(binary.getBody()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
    assertThat(LocalAzureHttpRequest.builder("GET", "/").bytes(new byte[0]).getBody()).isEmpty();
    assertThat(LocalAzureHttpRequest.builder("GET", "/").noBody().getBody()).isEmpty();
    assertThatThrownBy(() -> LocalAzureHttpRequest.builder("BREW", "/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BREW");
  }

  @Test
  void theResponseBuilderKeepsEveryHeaderAndTheBody() {
    HttpRequestMessage<Optional<String>> r =
        LocalAzureHttpRequest.builder("GET", "/").origin("https://fn.azurewebsites.net").noBody();
    assertThat(r.getUri().getHost()).isEqualTo("fn.azurewebsites.net");
    HttpResponseMessage built =
        r.createResponseBuilder(HttpStatus.OK)
            .header("Set-Cookie", "a=1")
            .header("Set-Cookie", "b=2")
            .status(HttpStatusType.custom(207))
            .body("multi")
            .build();
    LocalAzureHttpResponse res = LocalAzureHttpResponse.of(built);
    assertThat(res).isSameAs(built);
    assertThat(res.getStatusCode()).isEqualTo(207);
    assertThat(res.getHeader("set-cookie")).isEqualTo("a=1");
    assertThat(res.headers()).hasSize(2);
    assertThat(res.bodyText()).isEqualTo("multi");
    assertThat(res.toAppResponse().headers().all("Set-Cookie")).containsExactly("a=1", "b=2");

    HttpResponseMessage bytes =
        r.createResponseBuilder(HttpStatus.OK).body("é".getBytes(StandardCharsets.UTF_8)).build();
    assertThat(LocalAzureHttpResponse.of(bytes).bodyText()).isEqualTo("é");
    assertThat(
            LocalAzureHttpResponse.of(r.createResponseBuilder(HttpStatus.NO_CONTENT).build())
                .bodyText())
        .isEmpty();
  }

  @Test
  void theContextKeepsItsLogOrUsesTheCallersLogger() {
    LocalAzureContext c = LocalAzureContext.create("orders", "inv-1");
    c.getLogger().info("handled");
    c.getLogger().warning("slow");
    assertThat(c.getFunctionName()).isEqualTo("orders");
    assertThat(c.getInvocationId()).isEqualTo("inv-1");
    assertThat(c.logMessages()).containsExactly("handled", "slow");
    assertThat(c.logLines()).containsExactly("INFO handled", "WARNING slow");
    assertThat(LocalAzureContext.create("a").getInvocationId())
        .isNotEqualTo(LocalAzureContext.create("a").getInvocationId());

    LocalAzureContext own = c.withLogger(java.util.logging.Logger.getLogger("test"));
    assertThat(own.getLogger().getName()).isEqualTo("test");
    assertThatThrownBy(own::logLines).isInstanceOf(IllegalStateException.class);
  }
}
