package io.github.cloudeventshandler.gcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
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
    TestHttpResponse r = new TestHttpResponse();
    first.service(new TestHttpRequest("GET", "/hello", null, new byte[0]), r);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("-|");
    assertThat(r.getHeaders().get("X-Echo")).containsExactly("GET /hello");

    TestHttpResponse again = new TestHttpResponse();
    new HttpEntryPoint(config).service(TestHttpRequest.post("/books", "b".getBytes(UTF_8)), again);
    assertThat(again.bodyText()).isEqualTo("-|b");
    assertThat(ServletApplication.shared(config)).isSameAs(ServletApplication.shared(config));
  }
}
