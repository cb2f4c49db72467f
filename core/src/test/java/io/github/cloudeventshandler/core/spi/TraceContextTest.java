package io.github.cloudeventshandler.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BatchMode;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.classifier.StandardReply;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {
  private static final String TP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final String XRAY =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

  @Test
  void aValidTraceparentIsKeptWithItsParts() {
    TraceContext t =
        TraceContext.parse(TP, "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7").orElseThrow();
    assertThat(t.traceparent()).isEqualTo(TP);
    assertThat(t.tracestate()).isEqualTo("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
    assertThat(t.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(t.parentId()).isEqualTo("00f067aa0ba902b7");
    assertThat(t.sampled()).isTrue();
    assertThat(TraceContext.parse(TP.replace("-01", "-00"), null).orElseThrow().sampled())
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "00",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // trace id 31 digits
        "00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01", // 33 digits
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01", // parent 15 digits
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", // flags 1 digit
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper-case hex
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
        "0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // extra field in 00
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902g7-01", // not hex
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x" // future version, no dash
      })
  void aMalformedTraceparentIsDropped(String value) {
    assertThat(TraceContext.parse(value, "a=b")).isEmpty();
  }

  @Test
  void nullIsNothing() {
    assertThat(TraceContext.parse(null, "a=b")).isEmpty();
    assertThat(TraceContext.fromXray(null)).isEmpty();
    assertThat(TraceContext.of(null)).isEmpty();
  }

  @Test
  void aFutureVersionIsReadAsItsFirstFourFieldsAndSentAsVersion00() {
    assertThat(TraceContext.parse("cc" + TP.substring(2) + "-what-the-future-holds", null))
        .map(TraceContext::traceparent)
        .contains(TP);
    assertThat(TraceContext.parse("01" + TP.substring(2), null))
        .map(TraceContext::traceparent)
        .contains(TP);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Congo=t61", // upper-case key
        "congo", // no value
        "congo=", // empty value
        "congo=a,b", // second member without '='
        "congo=a=b", // '=' in the value
        "congo=trailing ", // value ends in a space (after strip: fine) - see below
        " , ",
        "1abc=x" // simple key must start with a letter
      })
  void aMalformedTracestateIsDroppedAndTheTraceparentKept(String state) {
    Optional<TraceContext> t = TraceContext.parse(TP, state);
    assertThat(t).map(TraceContext::traceparent).contains(TP);
    if (state.equals("congo=trailing ")) {
      // surrounding whitespace is optional whitespace of the header, not part of the list
      assertThat(t.orElseThrow().tracestate()).isEqualTo("congo=trailing");
    } else {
      assertThat(t.orElseThrow().tracestate()).isNull();
    }
  }

  @Test
  void tracestateMembersFollowTheW3cGrammar() {
    assertThat(TraceContext.parse(TP, "tenant1@vendor=v, rojo=00f067aa0ba902b7 ,,x/y*z_-=1"))
        .map(TraceContext::tracestate)
        .contains("tenant1@vendor=v, rojo=00f067aa0ba902b7 ,,x/y*z_-=1");
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      members.add("k" + i + "=v");
    }
    assertThat(TraceContext.parse(TP, String.join(",", members.subList(0, 32))))
        .map(TraceContext::tracestate)
        .isPresent()
        .get()
        .isNotNull();
    assertThat(TraceContext.parse(TP, String.join(",", members)).orElseThrow().tracestate())
        .as("33 members")
        .isNull();
  }

  @Test
  void xrayIsConvertedToW3c() {
    assertThat(TraceContext.fromXray(XRAY))
        .map(TraceContext::traceparent)
        .contains("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
    // any order, spaces, Lineage and other fields ignored
    assertThat(
            TraceContext.fromXray(
                " Sampled=1 ; Lineage=a87bd80c:1|68fd508a:5; Parent=53995c3f42cd8ad8;"
                    + "Root=1-5759e988-bd862e3fe1be46a994272793;Self=1-5759e988-aaaa"))
        .map(TraceContext::traceparent)
        .contains("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
  }

  @Test
  void xraySampledZeroUndecidedOrAbsentIsNotSampled() {
    for (String sampled : new String[] {";Sampled=0", ";Sampled=?", ""}) {
      TraceContext t = TraceContext.fromXray(XRAY.replace(";Sampled=1", sampled)).orElseThrow();
      assertThat(t.traceparent())
          .isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00");
      assertThat(t.sampled()).isFalse();
    }
  }

  @Test
  void xrayWithoutParentGivesNoTraceparent() {
    // W3C needs the caller's span id; X-Ray names none when the function itself starts the trace
    assertThat(TraceContext.fromXray("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Root=1-5759e988-bd862e3fe1be46a994272793",
        "Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8", // version 2
        "Root=1-5759e988bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8", // no dash
        "Root=1-5759e98-bd862e3fe1be46a9942727934;Parent=53995c3f42cd8ad8", // dash misplaced
        "Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995c3f42cd8ad8", // upper case
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad", // parent 15 digits
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000",
        "Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;garbage",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Root=1-5759e988-bd862e3fe1be46a994272794;"
            + "Parent=53995c3f42cd8ad8", // two roots
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Parent=53995c3f42cd8ad9"
      })
  void malformedXrayIsDropped(String header) {
    assertThat(TraceContext.fromXray(header)).isEmpty();
  }

  @Test
  void theCloudEventsExtensionIsReadAndWritten() {
    CloudEventBuilder b =
        CloudEventBuilder.v1().withId("1").withSource(URI.create("/s")).withType("t");
    assertThat(TraceContext.of(b.build())).isEmpty();
    TraceContext.parse(TP, "a=b").orElseThrow().addTo(b);
    assertThat(b.build().getExtension("traceparent")).isEqualTo(TP);
    assertThat(TraceContext.of(b.build())).contains(new TraceContext(TP, "a=b"));
    b.withExtension("traceparent", TP.toUpperCase(java.util.Locale.ROOT));
    assertThat(TraceContext.of(b.build())).isEmpty();
  }

  @Test
  void theConstructorRefusesWhatParseWouldDrop() {
    assertThatThrownBy(() -> new TraceContext("cc" + TP.substring(2), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TraceContext(TP, "Bad"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theInvocationContextIsTheDefaultAndAMalformedHeaderIsRemoved() {
    TraceContext invocation = TraceContext.fromXray(XRAY).orElseThrow();
    List<AppRequest> seen = new ArrayList<>();
    Application app =
        TraceContext.orDefault(
            r -> {
              seen.add(r);
              return AppResponse.of(204);
            },
            Optional.of(invocation));
    app.call(AppRequest.builder("POST", "/a").build());
    app.call(AppRequest.builder("POST", "/b").header("traceparent", TP).build());
    app.call(
        AppRequest.builder("POST", "/c")
            .header("traceparent", "00-xyz")
            .header("tracestate", "a=b")
            .build());
    assertThat(seen.get(0).header("traceparent")).contains(invocation.traceparent());
    assertThat(seen.get(1).header("traceparent")).contains(TP);
    assertThat(seen.get(2).headers().all("traceparent")).containsExactly(invocation.traceparent());
    assertThat(seen.get(2).header("tracestate")).isEmpty();

    Application none =
        TraceContext.orDefault(
            r -> {
              seen.add(r);
              return AppResponse.of(204);
            },
            Optional.empty());
    none.call(AppRequest.builder("POST", "/d").header("traceparent", "bad").build());
    none.call(AppRequest.builder("POST", "/e").build());
    assertThat(seen.get(3).header("traceparent")).isEmpty();
    assertThat(seen.get(4).header("traceparent")).isEmpty();
  }

  @Test
  void eachRecordRequestCarriesItsOwnCloudEventsTraceAndMalformedOnesNone() {
    List<EventRecord> records = new ArrayList<>();
    records.add(record("traced", TP, "a=b"));
    records.add(record("plain", null, null));
    records.add(record("broken", TP.replace("-01", "-1"), "a=b"));
    ClassifiedEvent event =
        new ClassifiedEvent(
            RawEvent.AWS,
            "test.kind",
            Delivery.PER_RECORD,
            StandardReply.EVENT,
            records,
            Payload.json("{}"));
    EventPipeline pipeline =
        EventPipeline.create(
            Configuration.builder().build(), ClassifierRegistry.of(raw -> Optional.of(event)));
    List<AppRequest> requests = pipeline.requests(event, null, java.time.Duration.ofSeconds(5));
    assertThat(requests.get(0).header("traceparent")).contains(TP);
    assertThat(requests.get(0).header("tracestate")).contains("a=b");
    assertThat(requests.get(0).header("ce-traceparent")).contains(TP);
    assertThat(requests.get(1).header("traceparent")).isEmpty();
    assertThat(requests.get(2).header("traceparent")).isEmpty();
    assertThat(requests.get(2).header("tracestate")).isEmpty();

    EventPipeline whole =
        EventPipeline.create(
            Configuration.builder().batch(BatchMode.WHOLE).build(),
            ClassifierRegistry.of(raw -> Optional.of(event)));
    assertThat(
            whole
                .requests(event, null, java.time.Duration.ofSeconds(5))
                .get(0)
                .headers()
                .all("traceparent"))
        .as("several records in one request: none of their contexts describes it")
        .isEmpty();
  }

  private static EventRecord record(String id, String traceparent, String tracestate) {
    CloudEventBuilder b =
        CloudEventBuilder.v1().withId(id).withSource(URI.create("/s")).withType("t");
    if (traceparent != null) {
      b.withExtension("traceparent", traceparent).withExtension("tracestate", tracestate);
    }
    return EventRecord.of(id, "/t", b.build(), Payload.json("{}"), Payload.json("{}"));
  }
}
