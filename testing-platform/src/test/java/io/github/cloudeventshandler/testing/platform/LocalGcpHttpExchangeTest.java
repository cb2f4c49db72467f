package io.github.cloudeventshandler.testing.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Headers;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalGcpHttpExchangeTest {

  @Test
  void theRequestLineQueryAndHeadersAreThoseOfTheInvoker() {
    LocalGcpHttpRequest r =
        LocalGcpHttpRequest.request("PUT", "/a%20b/c?x=1&y=a+b&x=%C3%A9&flag")
            .header("X-Many", "1")
            .header("x-many", "2")
            .headers(
                Headers.builder().add("Content-Type", "text/plain; charset=ISO-8859-1").build())
            .body("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(r.getMethod()).isEqualTo("PUT");
    assertThat(r.getPath()).isEqualTo("/a%20b/c");
    assertThat(r.getQuery()).hasValue("x=1&y=a+b&x=%C3%A9&flag");
    assertThat(r.getQueryParameters())
        .containsEntry("x", List.of("1", "\u00e9"))
        .containsEntry("y", List.of("a b"))
        .containsEntry("flag", List.of(""));
    assertThat(r.getFirstQueryParameter("x")).hasValue("1");
    assertThat(r.getHeaders().get("X-MANY")).containsExactly("1", "2");
    assertThat(r.getUri()).isEqualTo("http://localhost:8080/a%20b/c?x=1&y=a+b&x=%C3%A9&flag");
    assertThat(r.getCharacterEncoding()).hasValue("ISO-8859-1");
    assertThat(r.getContentLength()).isEqualTo(4);
    assertThat(r.getParts()).isEmpty();
  }

  @Test
  void withersReturnChangedCopies() {
    LocalGcpHttpRequest plain = LocalGcpHttpRequest.post("/p", "a");
    LocalGcpHttpRequest changed =
        plain.header("X", "1").body("bb").query("q=1").origin("https://fn.run.app");
    assertThat(plain.getHeaders()).isEmpty();
    assertThat(plain.getContentLength()).isEqualTo(1);
    assertThat(plain.getQuery()).isEmpty();
    assertThat(changed.getHeaders()).containsKey("x");
    assertThat(changed.getContentLength()).isEqualTo(2);
    assertThat(changed.getUri()).isEqualTo("https://fn.run.app/p?q=1");
    assertThat(changed.query(null).getQuery()).isEmpty();
  }

  @Test
  void theReaderDecodesInTheDeclaredCharset() throws IOException {
    LocalGcpHttpRequest r =
        LocalGcpHttpRequest.post("/", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))
            .header("Content-Type", "text/plain; charset=\"ISO-8859-1\"")
            .header("Host", "fn.example");
    try (BufferedReader reader = r.getReader()) {
      assertThat(reader.readLine()).isEqualTo("caf\u00e9");
    }
    assertThat(r.getUri()).isEqualTo("http://fn.example/");
    assertThat(LocalGcpHttpRequest.get("/x").getReader().readLine()).isNull();
  }

  @Test
  void theResponseKeepsWhatTheFunctionWrote() throws IOException {
    LocalGcpHttpResponse res = new LocalGcpHttpResponse();
    assertThat(res.status()).isEqualTo(200);
    res.setStatusCode(503, "Service Unavailable");
    res.setContentType("text/plain");
    res.appendHeader("Set-Cookie", "a=1");
    res.appendHeader("set-cookie", "b=2");
    res.getWriter().write("not now");
    res.getOutputStream().flush();

    assertThat(res.status()).isEqualTo(503);
    assertThat(res.getContentType()).hasValue("text/plain");
    assertThat(res.getHeaders().get("SET-COOKIE")).containsExactly("a=1", "b=2");
    assertThat(res.header("content-type")).hasValue("text/plain");
    assertThat(res.bodyText()).isEqualTo("not now");
    AppResponse app = res.toAppResponse();
    assertThat(app.status()).isEqualTo(503);
    assertThat(app.headers().all("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(app.bodyText()).isEqualTo("not now");
  }
}
