package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every message of the library's exceptions is one line of bounded length, whatever event value it
 * quotes (found by fuzzing: a legacy event whose {@code timestamp} held a line feed, an
 * unrecognised event with a 70,000-character member name, an Event Grid subscription name of 70,000
 * characters in a 403 body).
 */
class CloudEventsHandlerExceptionTest {

  @Test
  void controlCharactersSeparatorsAndLoneSurrogatesAreEscaped() {
    String value = "a\r\nb\u0000c\u0085d\u2028e\u2029f\ud800g\udc00h\u007f";
    BadEventException e =
        new BadEventException(BadEventException.Problem.INVALID_FIELD, "gcp event '" + value + "'");
    assertThat(e.getMessage())
        .isEqualTo(
            "gcp event 'a\\u000d\\u000ab\\u0000c\\u0085d\\u2028e\\u2029f\\ud800g\\udc00h\\u007f'"
                + " (see docs/troubleshooting.md#invalid-field)");
  }

  @Test
  void lettersOutsideTheBasicPlaneAndOrdinaryMessagesStayAsTheyAre() {
    String message = "aws event 'caf\u00e9 \ud83d\ude00' is fine";
    assertThat(new DispatchException(message).getMessage()).isSameAs(message);
    assertThat(new UnrecognizedEventException("x").getMessage())
        .isEqualTo("x (see docs/troubleshooting.md#unrecognized-event)");
  }

  @Test
  void aLongMessageKeepsItsBeginningAndItsEnd() {
    String value = "y".repeat(70_000);
    BadEventException e =
        new BadEventException(
            BadEventException.Problem.INVALID_FIELD,
            "gcp legacy event 'e-1': timestamp '" + value + "' is not an RFC 3339 time");
    String m = e.getMessage();
    assertThat(m).hasSizeLessThanOrEqualTo(CloudEventsHandlerException.MAX_MESSAGE);
    assertThat(m).startsWith("gcp legacy event 'e-1': timestamp 'yyy");
    assertThat(m)
        .endsWith("yyy' is not an RFC 3339 time (see docs/troubleshooting.md#invalid-field)");
    assertThat(m).contains(" characters left out) … ");
  }

  @Test
  void aSurrogatePairIsNeverCutInHalf() {
    String m = new DispatchException("\ud83d\ude00".repeat(5000)).getMessage();
    assertThat(m).hasSizeLessThanOrEqualTo(CloudEventsHandlerException.MAX_MESSAGE);
    assertThat(m.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2).isZero();
    assertThat(m).doesNotContain("\\ud8");
  }
}
