package io.github.cloudeventshandler.testing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.BadEventException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalGcpContextTest {

  @Test
  void aGaLegacyEventIsSplitIntoDataAndContext() {
    LocalGcpContext.BackgroundInput in =
        LocalGcpContext.fromLegacyEvent(
            bytes(
                "{\"context\":{\"eventId\":\"e1\",\"timestamp\":\"2020-09-29T11:32:00.123Z\","
                    + "\"eventType\":\"google.storage.object.finalize\",\"resource\":"
                    + "{\"service\":\"storage.googleapis.com\",\"name\":\"projects/_/buckets/b\"}},"
                    + "\"data\":{\"name\":\"o\",\"size\":null}}"));
    assertThat(in.data()).isEqualTo("{\"name\":\"o\",\"size\":null}");
    assertThat(in.context().eventId()).isEqualTo("e1");
    assertThat(in.context().timestamp()).isEqualTo("2020-09-29T11:32:00.123Z");
    assertThat(in.context().eventType()).isEqualTo("google.storage.object.finalize");
    assertThat(in.context().resource())
        .isEqualTo("{\"service\":\"storage.googleapis.com\",\"name\":\"projects/_/buckets/b\"}");
    assertThat(in.context().domain()).isNull();
  }

  @Test
  void aBetaLegacyEventHasItsContextAtTheTopLevelAndADomain() {
    LocalGcpContext.BackgroundInput in =
        LocalGcpContext.fromLegacyEvent(
            bytes(
                "{\"eventId\":\"e2\",\"eventType\":\"providers/google.firebase.database/eventTypes/"
                    + "ref.write\",\"resource\":\"projects/_/instances/db/refs/a\","
                    + "\"domain\":\"europe-west1.firebasedatabase.app\",\"data\":{\"delta\":1}}"));
    assertThat(in.context().resource()).isEqualTo("projects/_/instances/db/refs/a");
    assertThat(in.context().domain()).isEqualTo("europe-west1.firebasedatabase.app");
    assertThat(in.data()).isEqualTo("{\"delta\":1}");
    assertThat(in.context().attributes()).isEmpty();
    assertThat(in.context().withAttributes(Map.of("domain", "x")).attributes())
        .containsEntry("domain", "x");
  }

  @Test
  void bytesThatAreNotAnObjectAreABadEvent() {
    assertThatThrownBy(() -> LocalGcpContext.fromLegacyEvent(bytes("[1]")))
        .isInstanceOf(BadEventException.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
