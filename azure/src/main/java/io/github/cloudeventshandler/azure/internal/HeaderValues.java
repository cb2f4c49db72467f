package io.github.cloudeventshandler.azure.internal;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes CloudEvents binary-mode header values: one round of percent-decoding, strict UTF-8. */
final class HeaderValues {
  private HeaderValues() {}

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
