package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Header values of CloudEvents binary mode and of the webhook protocols: one round of
 * percent-decoding with strict UTF-8 ({@link #decode}), and the rule that a header a signature,
 * handshake or route depends on appears once ({@link #duplicated}).
 */
final class HeaderValues {
  private HeaderValues() {}

  /**
   * The first header name (lower-cased) among those {@code selected} (given lower-cased) that
   * appears more than once, in any letter case, or null. The Functions host hands over one value
   * per spelling, so {@code ce-connectionId} and {@code CE-CONNECTIONID} are two fields here:
   * checked against one and delivered with the other, they would let a request be verified for one
   * connection and routed as another.
   */
  static String duplicated(Headers headers, Predicate<String> selected) {
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> f : headers.fields()) {
      String name = f.getKey().toLowerCase(Locale.ROOT);
      if (selected.test(name) && !seen.add(name)) {
        return name;
      }
    }
    return null;
  }

  static String decode(String value, String header, String what) {
    if (value.indexOf('%') < 0) {
      check(value, header, what);
      return value;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length()
            || Character.digit(value.charAt(i + 1), 16) < 0
            || Character.digit(value.charAt(i + 2), 16) < 0) {
          throw new BadEventException(
              Problem.UNSAFE_HEADER, what + ": header " + header + " has a bad percent-escape");
        }
        out.write(
            Character.digit(value.charAt(i + 1), 16) * 16
                + Character.digit(value.charAt(i + 2), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(out.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw new BadEventException(
          Problem.UNSAFE_HEADER, what + ": header " + header + " is not valid UTF-8", e);
    }
    check(decoded, header, what);
    return decoded;
  }

  private static void check(String value, String header, String what) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER, what + ": header " + header + " holds a control character");
      }
    }
  }
}
