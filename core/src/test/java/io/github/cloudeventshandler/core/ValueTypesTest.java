package io.github.cloudeventshandler.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.StandardReply;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.RecordOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small value types: validation in constructors, defensive copies, equality. */
class ValueTypesTest {
  private static final CloudEvent CE =
      CloudEventBuilder.v1().withId("1").withSource(URI.create("/s")).withType("t").build();

  @Test
  void appRequestValidatesCopiesAndCompares() {
    byte[] body = "b".getBytes(UTF_8);
    AppRequest r =
        AppRequest.builder("POST", "/x").query("a=1").header("A", "1").body(body).build();
    body[0] = 'Z';
    assertThat(r.bodyText()).isEqualTo("b");
    assertThat(r.target()).isEqualTo("/x?a=1");
    assertThat(r.timeout()).isEqualTo(AppRequest.DEFAULT_TIMEOUT);
    assertThat(r).isEqualTo(r.toBuilder().build()).hasSameHashCodeAs(r.toBuilder().build());
    assertThat(r.toBuilder().setHeader("a", "2").build().headers().all("A")).containsExactly("2");
    assertThat(r.toString()).isEqualTo("AppRequest[POST /x?a=1, 1 headers, 1 bytes]");
    assertThatThrownBy(() -> AppRequest.builder("GET", "relative").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AppRequest.builder("GET", "/").attribute("k", null))
        .isInstanceOf(NullPointerException.class);
    assertThat(AppRequest.builder("GET", "/").timeout(Duration.ofMillis(5)).build().timeout())
        .isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void appResponseStatusAndSuccess() {
    assertThat(AppResponse.of(200).isSuccess()).isTrue();
    assertThat(AppResponse.of(299).isSuccess()).isTrue();
    assertThat(AppResponse.of(199).isSuccess()).isFalse();
    assertThat(AppResponse.of(300).isSuccess()).isFalse();
    AppResponse r = AppResponse.of(201, "text/plain", "é");
    assertThat(r.contentType()).contains("text/plain");
    assertThat(r.bodyLength()).isEqualTo(2);
    assertThat(r).isEqualTo(AppResponse.of(201, "text/plain", "é"));
    assertThatThrownBy(() -> AppResponse.of(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AppResponse.of(1000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payloadCopiesAndCompares() {
    byte[] b = {1, 2};
    Payload p = new Payload("application/octet-stream", b);
    b[0] = 9;
    assertThat(p.bytes()).containsExactly(1, 2);
    assertThat(p).isEqualTo(new Payload("application/octet-stream", new byte[] {1, 2}));
    assertThat(Payload.json("{}").contentType()).isEqualTo("application/json");
    assertThat(p.toString()).isEqualTo("Payload[application/octet-stream, 2 bytes]");
  }

  /**
   * Fuzzing F20 (azure-http through Jetty): a Web PubSub request whose two {@code Content-Type}
   * headers the host joined into {@code application/json, } became an event request with that
   * {@code Content-Type}, which Jetty hands the servlet as {@code application/json,}.
   */
  @Test
  void payloadContentTypeIsTheHeaderValueWithoutSurroundingSpacesAndTabs() {
    byte[] b = {1};
    assertThat(new Payload("application/json, ", b).contentType()).isEqualTo("application/json,");
    assertThat(new Payload("\t text/plain; charset=utf-8 \t", b).contentType())
        .isEqualTo("text/plain; charset=utf-8");
    assertThat(new Payload(" ", b).contentType()).isEmpty();
    assertThat(new Payload("application/json ", b)).isEqualTo(new Payload("application/json", b));
  }

  @Test
  void eventRecordNeedsACloudEventAndPayloadsUnlessHttp() {
    Payload p = Payload.json("{}");
    assertThatThrownBy(() -> EventRecord.of("i", "/r", null, p, p))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> EventRecord.of("i", "/r", CE, null, p))
        .isInstanceOf(NullPointerException.class);
    assertThat(EventRecord.of("i", "/r", CE, p, p).displayId()).isEqualTo("1");
    EventRecord http = EventRecord.http("/r", null, AppRequest.builder("GET", "/r").build());
    assertThat(http.displayId()).isEqualTo("-");
    assertThat(http.optionalItemId()).isEmpty();
    assertThat(
            new EventRecord("item", "/r", null, null, null, AppRequest.builder("GET", "/").build())
                .displayId())
        .isEqualTo("item");
  }

  @Test
  void classifiedEventNeedsRecordsAndResultsNeedOneOutcomeEach() {
    Payload p = Payload.json("{}");
    assertThatThrownBy(
            () ->
                new ClassifiedEvent(
                    "aws", "k", Delivery.PER_RECORD, StandardReply.EVENT, List.of(), p))
        .isInstanceOf(IllegalArgumentException.class);
    EventRecord rec = EventRecord.of(null, "/r", CE, p, p);
    ClassifiedEvent e =
        new ClassifiedEvent("aws", "k", Delivery.PER_RECORD, StandardReply.EVENT, List.of(rec), p);
    assertThat(e.route()).isEqualTo("/r");
    assertThat(e.isHttp()).isFalse();
    assertThatThrownBy(() -> new DispatchResult(e, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    DispatchResult skipped = new DispatchResult(e, List.of(new RecordOutcome.Skipped(rec, "why")));
    assertThat(skipped.allHandled()).isFalse();
    assertThat(skipped.lastResponse()).isEmpty();
    assertThat(skipped.firstFailureReason()).contains("why");
  }

  @Test
  void modesParseIgnoringCaseAndNameTheVariable() {
    assertThat(BatchMode.parse(" Per-Record ")).isEqualTo(BatchMode.PER_RECORD);
    assertThat(PayloadMode.parse("UNWRAPPED")).isEqualTo(PayloadMode.UNWRAPPED);
    assertThatThrownBy(() -> BatchMode.parse("all")).hasMessageContaining("CEH_BATCH");
    assertThatThrownBy(() -> PayloadMode.parse("raw")).hasMessageContaining("CEH_PAYLOAD");
  }

  @Test
  void jsonLimitsAreValidated() {
    assertThat(JsonLimits.DEFAULT).isEqualTo(new JsonLimits(6 * 1024 * 1024, 64));
    assertThatThrownBy(() -> new JsonLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JsonLimits(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JsonLimits(1, JsonLimits.MAX_DEPTH_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
