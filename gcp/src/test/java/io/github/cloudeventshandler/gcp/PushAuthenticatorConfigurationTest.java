package io.github.cloudeventshandler.gcp;

import static io.github.cloudeventshandler.gcp.TestTokens.ACCOUNT;
import static io.github.cloudeventshandler.gcp.TestTokens.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.DispatchException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code CEH_PUBSUB_*} settings and the safe defaults documented in README-auth.md. */
class PushAuthenticatorConfigurationTest {

  static PushAuthenticator from(Map<String, String> env) {
    return PushAuthenticator.fromConfiguration(Configuration.from(env, new Properties()));
  }

  @Test
  void nothingConfiguredRefusesEveryPushButStarts() {
    PushAuthenticator auth = from(Map.of());
    assertThat(auth.enabled()).isTrue();
    assertThatThrownBy(() -> auth.verify("Bearer " + TestTokens.tokenValidNow()))
        .isInstanceOfSatisfying(
            BadEventException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.UNAUTHENTICATED))
        .hasMessageContaining("push authentication is not configured")
        .hasMessageContaining("CEH_PUBSUB_AUDIENCE")
        .hasMessageContaining("CEH_PUBSUB_SERVICE_ACCOUNT")
        .hasMessageContaining("CEH_PUBSUB_AUTH=off");
    assertThatThrownBy(() -> auth.verify(null)).isInstanceOf(BadEventException.class);
  }

  @Test
  void offAcceptsWithoutLookingAtTheHeader() {
    PushAuthenticator auth = from(Map.of("CEH_PUBSUB_AUTH", "off"));
    assertThat(auth.enabled()).isFalse();
    assertThatCode(() -> auth.verify(null)).doesNotThrowAnyException();
    assertThatCode(() -> auth.verify("Basic x")).doesNotThrowAnyException();
  }

  @Test
  void offWinsOverAnAudience() {
    PushAuthenticator auth =
        from(Map.of("CEH_PUBSUB_AUTH", "OFF", "CEH_PUBSUB_AUDIENCE", AUDIENCE));
    assertThat(auth.enabled()).isFalse();
  }

  @Test
  void requiredWithoutAudienceFailsAtStart() {
    assertThatThrownBy(() -> from(Map.of("CEH_PUBSUB_AUTH", "required")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("needs both CEH_PUBSUB_AUDIENCE and CEH_PUBSUB_SERVICE_ACCOUNT")
        .hasMessageContaining("missing CEH_PUBSUB_AUDIENCE and CEH_PUBSUB_SERVICE_ACCOUNT");
  }

  @Test
  void audienceWithoutServiceAccountFailsAtStart() {
    // Anyone can mint a Google ID token for any audience: the audience alone proves nothing.
    assertThatThrownBy(() -> from(Map.of("CEH_PUBSUB_AUDIENCE", AUDIENCE)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("missing CEH_PUBSUB_SERVICE_ACCOUNT");
    assertThatThrownBy(() -> from(Map.of("CEH_PUBSUB_SERVICE_ACCOUNT", ACCOUNT)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("missing CEH_PUBSUB_AUDIENCE");
  }

  @Test
  void unknownModeFailsAtStart() {
    assertThatThrownBy(() -> from(Map.of("CEH_PUBSUB_AUTH", "optional")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CEH_PUBSUB_AUTH must be 'required' or 'off', not 'optional'");
  }

  @Test
  void audienceAndAccountUseGooglesKeysByDefault() {
    PushAuthenticator auth =
        from(Map.of("CEH_PUBSUB_AUDIENCE", AUDIENCE, "CEH_PUBSUB_SERVICE_ACCOUNT", ACCOUNT));
    assertThat(auth.enabled()).isTrue();
    assertThat(auth.toString()).contains("required");
    // rejected before any key is looked up: nothing is fetched
    assertThatThrownBy(() -> auth.verify("Bearer x.y")).hasMessageContaining("malformed JWT");
  }

  @Test
  void keysFromALocalJwksFile(@TempDir Path dir) throws Exception {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, TestTokens.PUBLISHED.toString(true), StandardCharsets.UTF_8);
    PushAuthenticator auth =
        from(
            Map.of(
                "CEH_PUBSUB_AUDIENCE", AUDIENCE,
                "CEH_PUBSUB_SERVICE_ACCOUNT", ACCOUNT,
                "CEH_PUBSUB_JWKS_URL", jwks.toUri().toString()));
    assertThatCode(() -> auth.verify("Bearer " + TestTokens.tokenValidNow()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> auth.verify("Bearer " + TestTokens.forgedNow()))
        .isInstanceOfSatisfying(
            BadEventException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.UNAUTHENTICATED))
        .hasMessageContaining("signature does not verify with key 'k1' of file:");
  }

  @Test
  void aJwksFileThatCannotBeReadIsARetryableFailure(@TempDir Path dir) {
    PushAuthenticator auth =
        from(
            Map.of(
                "CEH_PUBSUB_AUDIENCE", AUDIENCE,
                "CEH_PUBSUB_SERVICE_ACCOUNT", ACCOUNT,
                "CEH_PUBSUB_JWKS_URL", dir.resolve("missing.json").toUri().toString()));
    assertThatThrownBy(() -> auth.verify("Bearer " + TestTokens.tokenValidNow()))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("could not obtain the signing keys from file:")
        .hasMessageContaining("missing.json");
  }

  @Test
  void jwksUrlMustBeHttpsLoopbackHttpOrFile() {
    Map<String, String> base =
        Map.of("CEH_PUBSUB_AUDIENCE", AUDIENCE, "CEH_PUBSUB_SERVICE_ACCOUNT", ACCOUNT);
    for (String bad : new String[] {"http://keys.example.com/certs", "ftp://x/y", "not a url"}) {
      Map<String, String> env = new java.util.HashMap<>(base);
      env.put("CEH_PUBSUB_JWKS_URL", bad);
      assertThatThrownBy(() -> from(env))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("CEH_PUBSUB_JWKS_URL");
    }
    Map<String, String> loopback = new java.util.HashMap<>(base);
    loopback.put("CEH_PUBSUB_JWKS_URL", "http://127.0.0.1:9/certs");
    assertThat(from(loopback).enabled()).isTrue();
  }

  @Test
  void skewSettingIsBounded() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("CEH_PUBSUB_AUDIENCE", AUDIENCE);
    env.put("CEH_PUBSUB_SERVICE_ACCOUNT", ACCOUNT);
    env.put("CEH_PUBSUB_MAX_SKEW_SECONDS", "300");
    assertThat(from(env).enabled()).isTrue();
    for (String bad : new String[] {"301", "-1", "1m"}) {
      env.put("CEH_PUBSUB_MAX_SKEW_SECONDS", bad);
      assertThatThrownBy(() -> from(env))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(
              "CEH_PUBSUB_MAX_SKEW_SECONDS must be a number of seconds from 0 to 300");
    }
  }
}
