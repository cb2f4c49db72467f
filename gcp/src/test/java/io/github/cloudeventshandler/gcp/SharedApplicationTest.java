package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Entry points built from settings alone start the servlet app named by {@code CEH_APPLICATION}
 * once, on first use, through the servlet bridge, and share it.
 */
class SharedApplicationTest {

  @Test
  void theApplicationIsStartedOnceAndSharedByEveryEntryPoint() throws Exception {
    Configuration config =
        Configuration.builder().application(ConcurrentDeliveryTest.EchoServlet.class).build();
    HttpEntryPoint first = new HttpEntryPoint(config);
    LocalGcpHttpResponse r = new LocalGcpHttpResponse();
    first.service(LocalGcpHttpRequest.get("/hello"), r);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("-|");
    assertThat(r.getHeaders().get("X-Echo")).containsExactly("GET /hello");

    LocalGcpHttpResponse again = new LocalGcpHttpResponse();
    new HttpEntryPoint(config)
        .service(LocalGcpHttpRequest.post("/books", "b".getBytes(UTF_8)), again);
    assertThat(again.bodyText()).isEqualTo("-|b");
    assertThat(ServletApplication.shared(config)).isSameAs(ServletApplication.shared(config));
  }
}
