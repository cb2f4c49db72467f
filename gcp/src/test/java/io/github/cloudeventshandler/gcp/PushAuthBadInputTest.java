package io.github.cloudeventshandler.gcp;

import static io.github.cloudeventshandler.gcp.TestTokens.FORGER;
import static io.github.cloudeventshandler.gcp.TestTokens.claims;
import static io.github.cloudeventshandler.gcp.TestTokens.rs256;
import static io.github.cloudeventshandler.gcp.TestTokens.sign;
import static io.github.cloudeventshandler.gcp.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Push authentication as an unwrapped push subscription with {@code
 * --push-no-wrapper-write-metadata} delivers it: every message attribute becomes a header, so an
 * attribute named {@code authorization} arrives as an {@code Authorization} header (protocols.md
 * §3.1, must-implement item 22). The rule (README-auth.md): exactly one {@code Authorization}
 * header; two or more are refused, whatever their order; a lone attribute value is not a token.
 */
class PushAuthBadInputTest {
  record Row(String name, Supplier<List<String>> headers, Problem problem, String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row("the real token only", () -> List.of("Bearer " + token()), null, null),
        new Row(
            "no Authorization header at all",
            List::of,
            Problem.UNAUTHENTICATED,
            "no Authorization header"),
        new Row(
            "real token, then an attribute 'authorization: admin'",
            () -> List.of("Bearer " + token(), "admin"),
            Problem.UNAUTHENTICATED,
            "2 Authorization headers, exactly one expected"),
        new Row(
            "attribute first, then the real token",
            () -> List.of("admin", "Bearer " + token()),
            Problem.UNAUTHENTICATED,
            "2 Authorization headers"),
        new Row(
            "attribute replayed as a copy of a genuine token, next to the real one",
            () -> List.of("Bearer " + token(), "Bearer " + token()),
            Problem.UNAUTHENTICATED,
            "2 Authorization headers"),
        new Row(
            "attribute value alone where the token should be",
            () -> List.of("admin"),
            Problem.UNAUTHENTICATED,
            "not a Bearer token"),
        new Row(
            "attribute carrying a forged Bearer token alone",
            () -> List.of("Bearer " + sign(FORGER, rs256("k1"), claims())),
            Problem.UNAUTHENTICATED,
            "signature does not verify"),
        new Row(
            "real token and attribute joined into one value by a proxy",
            () -> List.of("Bearer " + token() + ",admin"),
            Problem.UNAUTHENTICATED,
            "is not base64url"),
        new Row(
            "three Authorization headers",
            () -> List.of("a", "b", "c"),
            Problem.UNAUTHENTICATED,
            "3 Authorization headers"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void unwrappedPushAttributeNamedAuthorizationNeverCountsAsTheToken(Row row) {
    List<String> headers = new ArrayList<>(row.headers().get());
    if (row.problem() == null) {
      assertThatCode(() -> PushAuthenticatorTest.AUTH.verifyHeaders(headers))
          .doesNotThrowAnyException();
      return;
    }
    assertThatThrownBy(() -> PushAuthenticatorTest.AUTH.verifyHeaders(headers))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(row.problem()))
        .hasMessageContaining(row.fragment())
        .hasMessageNotContaining("admin");
  }
}
