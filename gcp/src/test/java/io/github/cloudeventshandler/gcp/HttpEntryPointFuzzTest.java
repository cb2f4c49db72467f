package io.github.cloudeventshandler.gcp;

import io.github.cloudeventshandler.conformance.EntryPointFuzzTests;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzEvent;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes {@link HttpEntryPoint#service} with the corpus's GCP HTTP cases (Pub/Sub push, CloudEvents
 * over HTTP, plain HTTP) and every CloudEvents HTTP case as seeds; body, headers and request line
 * are mutated. Variants: the seed's own settings (push refused unless the seed turns push
 * authentication off), push authentication off, push authentication configured with a genuine token
 * on every request (so that mutated bodies get past the token check), {@code
 * CEH_HTTP_EVENTS_TRUSTED=true}, and unwrapped payloads. A request no HTTP server could receive (a
 * header value with a line feed, a path with a space) is skipped: the invoker never passes one on.
 * The modes and the kept inputs: {@link EntryPointFuzzTests}, docs/fuzzing.md.
 */
class HttpEntryPointFuzzTest extends EntryPointFuzzTests<HttpEntryPoint> {
  private static final String VERIFIED = "push-verified";

  private final FuzzTarget target =
      BackgroundEntryPointFuzzTest.keepingGoogleNames(
          new FuzzTarget(
              "gcp-http",
              FuzzCase.seeds("http", "cloudevents-http"),
              variants(),
              true,
              this::deliver));

  private String token;
  private Instant tokenIssued = Instant.EPOCH;

  private static Map<String, Map<String, String>> variants() {
    Path jwks;
    try {
      jwks = Files.createTempFile("fuzz-jwks", ".json");
      jwks.toFile().deleteOnExit();
      Files.writeString(jwks, TestTokens.PUBLISHED.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Map<String, String>> v = new LinkedHashMap<>();
    v.put("default", Map.of());
    v.put("push-off", Map.of(PushAuthenticator.AUTH, "off"));
    v.put(
        VERIFIED,
        Map.of(
            PushAuthenticator.AUTH,
            "required",
            PushAuthenticator.AUDIENCE,
            TestTokens.AUDIENCE,
            PushAuthenticator.SERVICE_ACCOUNT,
            TestTokens.ACCOUNT,
            PushAuthenticator.JWKS_URL,
            jwks.toUri().toString()));
    v.put("trusted", Map.of(Configuration.HTTP_EVENTS_TRUSTED, "true"));
    v.put("unwrapped", Map.of(Configuration.PAYLOAD, "unwrapped", PushAuthenticator.AUTH, "off"));
    return v;
  }

  @Override
  protected FuzzTarget target() {
    return target;
  }

  @Override
  protected HttpEntryPoint newEntryPoint(Configuration configuration, Application app) {
    return new HttpEntryPoint(configuration, app);
  }

  private FuzzTarget.Answer deliver(FuzzCase c, FuzzApplication app) throws IOException {
    FuzzEvent e = c.event();
    if (!e.isHttpDeliverable()) {
      throw new FuzzTarget.Undeliverable("no HTTP server receives this request");
    }
    Headers headers = e.headers();
    if (c.variant().equals(VERIFIED)) {
      headers = headers.toBuilder().set("Authorization", "Bearer " + token()).build();
    }
    LocalGcpHttpRequest request =
        LocalGcpHttpRequest.request(e.method(), e.path())
            .query(e.query())
            .headers(headers)
            .body(e.body());
    LocalGcpHttpResponse response = new LocalGcpHttpResponse();
    entryPoint(c, app).service(request, response);
    AppResponse answer = response.toAppResponse();
    return new FuzzTarget.Answer(answer.status(), answer.body());
  }

  /** A genuine push token, signed again every ten minutes (signing takes a millisecond). */
  private String token() {
    if (tokenIssued.isBefore(Instant.now().minusSeconds(600))) {
      token = TestTokens.tokenValidNow();
      tokenIssued = Instant.now();
    }
    return token;
  }
}
