package io.github.cloudeventshandler.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.util.Base64URL;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutations of a genuine token: one character replaced by another base64url character, or
 * one character inserted or deleted. Unless the mutation leaves every decoded part identical (the
 * low bits of a part's last character are padding), the token must be refused with 401 or 403 and
 * nothing else: no other exception, never accepted.
 */
class PushAuthenticatorMutationTest {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
  private static final String GENUINE = TestTokens.token();

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aMutatedTokenIsNeverAccepted(long seed) {
    Random random = new Random(seed);
    StringBuilder t = new StringBuilder(GENUINE);
    int at = random.nextInt(t.length());
    switch (random.nextInt(3)) {
      case 0 -> t.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      case 1 -> t.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      default -> t.deleteCharAt(at);
    }
    String mutated = t.toString();
    if (sameDecodedParts(mutated, GENUINE)) {
      assertThatCode(() -> PushAuthenticatorTest.AUTH.verify("Bearer " + mutated))
          .doesNotThrowAnyException();
      return;
    }
    Throwable thrown = catchThrowable(() -> PushAuthenticatorTest.AUTH.verify("Bearer " + mutated));
    assertThat(thrown).as("mutation at %d: %s", at, mutated).isInstanceOf(BadEventException.class);
    assertThat(((BadEventException) thrown).problem())
        .isIn(Problem.UNAUTHENTICATED, Problem.FORBIDDEN);
  }

  private static boolean sameDecodedParts(String a, String b) {
    String[] pa = a.split("\\.", -1);
    String[] pb = b.split("\\.", -1);
    if (pa.length != pb.length) {
      return false;
    }
    for (int i = 0; i < pa.length; i++) {
      if (pa[i].length() != pb[i].length()
          || !Arrays.equals(new Base64URL(pa[i]).decode(), new Base64URL(pb[i]).decode())) {
        return false;
      }
    }
    return true;
  }
}
