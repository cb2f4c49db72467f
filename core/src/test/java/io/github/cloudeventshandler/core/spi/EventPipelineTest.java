package io.github.cloudeventshandler.core.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BatchMode;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.PayloadMode;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.RequestDefaults;
import io.github.cloudeventshandler.core.RouteOverrides;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.classifier.StandardReply;
import io.github.cloudeventshandler.core.internal.CloudEventsClassifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventPipelineTest {
  private static final Duration BUDGET = Duration.ofSeconds(10);
  private static final Object CONTEXT = new Object();

  /** Records every request; answers with the status the body's record id asks for. */
  static final class RecordingApp implements Application {
    final List<AppRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final Set<String> failIds;
    final Set<String> throwIds;

    RecordingApp(Set<String> failIds, Set<String> throwIds) {
      this.failIds = failIds;
      this.throwIds = throwIds;
    }

    RecordingApp() {
      this(Set.of(), Set.of());
    }

    @Override
    public AppResponse call(AppRequest request) {
      requests.add(request);
      String id = request.header("ce-id").orElse("");
      if (throwIds.contains(id)) {
        throw new IllegalStateException("boom for " + id);
      }
      if (failIds.contains(id)) {
        return AppResponse.of(500, "text/plain", "failed " + id);
      }
      return AppResponse.of(200, "text/plain", "ok " + id);
    }
  }

  private static CloudEvent event(String id, String type, String source) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withType(type)
        .withSource(URI.create(source))
        .withTime(OffsetDateTime.parse("2024-01-02T03:04:05Z"))
        .build();
  }

  private static EventRecord record(String id) {
    return EventRecord.of(
        "item-" + id,
        "/test.kind",
        event(id, "test.type", "/src"),
        Payload.json("{\"Records\":[{\"id\":\"" + id + "\"}]}"),
        new Payload("text/plain", ("unwrapped " + id).getBytes(UTF_8)));
  }

  private static ClassifiedEvent classified(Delivery delivery, String... ids) {
    List<EventRecord> records = new ArrayList<>();
    for (String id : ids) {
      records.add(record(id));
    }
    return new ClassifiedEvent(
        RawEvent.AWS,
        "test.kind",
        delivery,
        StandardReply.EVENT,
        records,
        Payload.json("{\"whole\":true}"));
  }

  private static EventPipeline pipeline(Configuration c, ClassifiedEvent fixed) {
    return EventPipeline.create(c, ClassifierRegistry.of(raw -> Optional.of(fixed)));
  }

  private static EventPipeline pipeline(ClassifiedEvent fixed) {
    return pipeline(Configuration.builder().build(), fixed);
  }

  private static List<Class<?>> kinds(DispatchResult r) {
    return r.outcomes().stream().<Class<?>>map(Object::getClass).toList();
  }

  @Test
  void perRecordRequestsCarryTheCloudEventAndTheNativeBody() {
    ClassifiedEvent e = classified(Delivery.PER_RECORD, "1", "2");
    RecordingApp app = new RecordingApp();
    DispatchResult r = pipeline(e).dispatch(e, app, CONTEXT, BUDGET);
    assertThat(r.allHandled()).isTrue();
    assertThat(app.requests).hasSize(2);
    AppRequest first = app.requests.get(0);
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.path()).isEqualTo("/test.kind");
    assertThat(first.header("ce-specversion")).contains("1.0");
    assertThat(first.header("ce-id")).contains("1");
    assertThat(first.header("ce-type")).contains("test.type");
    assertThat(first.header("ce-source")).contains("/src");
    assertThat(first.header("ce-time")).contains("2024-01-02T03:04:05Z");
    assertThat(first.header("Content-Type")).contains("application/json");
    assertThat(first.bodyText()).isEqualTo("{\"Records\":[{\"id\":\"1\"}]}");
    assertThat(first.timeout()).isLessThanOrEqualTo(BUDGET);
    Map<String, Object> a = first.attributes();
    assertThat(a)
        .containsEntry(RequestAttributes.KIND, "test.kind")
        .containsEntry(RequestAttributes.PROVIDER, RawEvent.AWS)
        .containsEntry(RequestAttributes.PLATFORM_CONTEXT, CONTEXT)
        .containsEntry(RequestAttributes.ITEM_ID, "item-1")
        .containsEntry(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE);
    assertThat((CloudEvent) a.get(RequestAttributes.CLOUD_EVENT))
        .isSameAs(e.records().get(0).cloudEvent());
    assertThat((byte[]) a.get(RequestAttributes.RAW_EVENT))
        .asString(UTF_8)
        .isEqualTo("{\"whole\":true}");
    assertThat(r.lastResponse()).map(AppResponse::bodyText).contains("ok 2");
    assertThat(r.firstFailureReason()).isEmpty();
  }

  @Test
  void eachRequestCarriesItsDeadlineTheTimeItWasGivenFromNow() {
    ClassifiedEvent e = classified(Delivery.PER_RECORD, "1", "2");
    RecordingApp app = new RecordingApp();
    Instant before = Instant.now();
    pipeline(e).dispatch(e, app, null, BUDGET);
    Instant after = Instant.now();
    for (AppRequest req : app.requests) {
      Instant deadline = (Instant) req.attributes().get(RequestAttributes.DEADLINE);
      // built when sent: now + the time left of the budget, never past the budget's end
      assertThat(deadline).isBetween(before, after.plus(BUDGET));
      assertThat(deadline).isAfter(before.plus(BUDGET).minusSeconds(5));
    }
    ClassifiedEvent whole = classified(Delivery.PER_RECORD, "1");
    RecordingApp one = new RecordingApp();
    pipeline(Configuration.builder().batch(BatchMode.WHOLE).build(), whole)
        .dispatch(whole, one, null, Duration.ofSeconds(3));
    assertThat((Instant) one.requests.get(0).attributes().get(RequestAttributes.DEADLINE))
        .isBetween(before.plusSeconds(2), Instant.now().plusSeconds(3));
  }

  @Test
  void unwrappedModeSendsTheRecordsOwnPayload() {
    ClassifiedEvent e = classified(Delivery.PER_RECORD, "1");
    RecordingApp app = new RecordingApp();
    pipeline(Configuration.builder().payload(PayloadMode.UNWRAPPED).build(), e)
        .dispatch(e, app, null, BUDGET);
    AppRequest req = app.requests.get(0);
    assertThat(req.bodyText()).isEqualTo("unwrapped 1");
    assertThat(req.header("Content-Type")).contains("text/plain");
    assertThat(req.attributes()).doesNotContainKey(RequestAttributes.PLATFORM_CONTEXT);
  }

  @Test
  void wholeBatchModeSendsOneRequestWhoseAnswerCountsForEveryRecord() {
    ClassifiedEvent e = classified(Delivery.PER_RECORD, "1", "2", "3");
    Configuration c = Configuration.builder().batch(BatchMode.WHOLE).build();
    Application failing = req -> AppResponse.of(503);
    List<AppRequest> seen = new ArrayList<>();
    DispatchResult r =
        pipeline(c, e)
            .dispatch(
                e,
                req -> {
                  seen.add(req);
                  return failing.call(req);
                },
                null,
                BUDGET);
    assertThat(seen).hasSize(1);
    AppRequest req = seen.get(0);
    assertThat(req.bodyText()).isEqualTo("{\"whole\":true}");
    assertThat(req.header("Content-Type")).contains("application/json");
    assertThat(req.headers().names()).noneMatch(n -> n.startsWith("ce-"));
    assertThat(req.attributes())
        .doesNotContainKey(RequestAttributes.CLOUD_EVENT)
        .doesNotContainKey(RequestAttributes.ITEM_ID);
    assertThat(r.outcomes()).hasSize(3).allMatch(o -> o instanceof RecordOutcome.Failed);
    assertThat(r.outcomes())
        .extracting(RecordOutcome::record)
        .containsExactlyElementsOf(e.records());
    assertThat(r.unhandled()).hasSize(3);
    assertThat(r.lastResponse()).map(AppResponse::status).contains(503);

    DispatchResult ok = pipeline(c, e).dispatch(e, q -> AppResponse.of(204), null, BUDGET);
    assertThat(ok.allHandled()).isTrue();
    assertThat(ok.outcomes()).hasSize(3);
  }

  @Test
  void wholeBatchModeWithOneRecordDescribesIt() {
    ClassifiedEvent e = classified(Delivery.ALL_OR_NOTHING, "solo");
    RecordingApp app = new RecordingApp();
    pipeline(Configuration.builder().batch(BatchMode.WHOLE).build(), e)
        .dispatch(e, app, null, BUDGET);
    AppRequest req = app.requests.get(0);
    assertThat(req.bodyText()).isEqualTo("{\"whole\":true}");
    assertThat(req.header("ce-id")).contains("solo");
    assertThat(req.attributes()).containsKey(RequestAttributes.CLOUD_EVENT);
  }

  @Test
  void orderedStopsAtTheFirstFailureAndSkipsTheRest() {
    ClassifiedEvent e = classified(Delivery.ORDERED, "1", "2", "3", "4");
    RecordingApp app = new RecordingApp(Set.of("2"), Set.of());
    DispatchResult r = pipeline(e).dispatch(e, app, null, BUDGET);
    assertThat(app.requests).hasSize(2);
    assertThat(kinds(r))
        .containsExactly(
            RecordOutcome.Handled.class,
            RecordOutcome.Failed.class,
            RecordOutcome.Skipped.class,
            RecordOutcome.Skipped.class);
    assertThat(((RecordOutcome.Skipped) r.outcomes().get(2)).reason())
        .contains("record 2")
        .contains("order must be kept");
    assertThat(((RecordOutcome.Failed) r.outcomes().get(1)).response().status()).isEqualTo(500);
    assertThat(r.unhandled())
        .extracting(o -> o.record().itemId())
        .containsExactly("item-2", "item-3", "item-4");
    assertThat(r.firstFailureReason()).get().asString().contains("HTTP 500");
  }

  @Test
  void perRecordContinuesAfterAFailure() {
    ClassifiedEvent e = classified(Delivery.PER_RECORD, "1", "2", "3", "4");
    RecordingApp app = new RecordingApp(Set.of("2"), Set.of());
    DispatchResult r = pipeline(e).dispatch(e, app, null, BUDGET);
    assertThat(app.requests).hasSize(4);
    assertThat(kinds(r))
        .containsExactly(
            RecordOutcome.Handled.class,
            RecordOutcome.Failed.class,
            RecordOutcome.Handled.class,
            RecordOutcome.Handled.class);
    assertThat(r.unhandled()).extracting(o -> o.record().itemId()).containsExactly("item-2");
  }

  @Test
  void allOrNothingStopsAndSaysTheEventIsRetriedAsAWhole() {
    ClassifiedEvent e = classified(Delivery.ALL_OR_NOTHING, "1", "2", "3");
    RecordingApp app = new RecordingApp(Set.of("1"), Set.of());
    DispatchResult r = pipeline(e).dispatch(e, app, null, BUDGET);
    assertThat(app.requests).hasSize(1);
    assertThat(kinds(r))
        .containsExactly(
            RecordOutcome.Failed.class, RecordOutcome.Skipped.class, RecordOutcome.Skipped.class);
    assertThat(((RecordOutcome.Skipped) r.outcomes().get(1)).reason())
        .contains("retried as a whole");
    assertThat(r.allHandled()).isFalse();
  }

  @Test
  void anApplicationExceptionIsAFailedOutcomeNotAThrow() {
    ClassifiedEvent e = classified(Delivery.PER_RECORD, "1", "2");
    RecordingApp app = new RecordingApp(Set.of(), Set.of("1"));
    DispatchResult r = pipeline(e).dispatch(e, app, null, BUDGET);
    RecordOutcome.Failed f = (RecordOutcome.Failed) r.outcomes().get(0);
    assertThat(f.response()).isNull();
    assertThat(f.reason()).contains("POST /test.kind").contains("record 1").contains("boom for 1");
    assertThat(r.outcomes().get(1)).isInstanceOf(RecordOutcome.Handled.class);
  }

  @Test
  void anExhaustedBudgetFailsRecordsWithoutCallingTheApp() {
    ClassifiedEvent e = classified(Delivery.PER_RECORD, "1", "2");
    RecordingApp app = new RecordingApp();
    DispatchResult r = pipeline(e).dispatch(e, app, null, Duration.ZERO);
    assertThat(app.requests).isEmpty();
    assertThat(r.outcomes())
        .allSatisfy(
            o ->
                assertThat(((RecordOutcome.Failed) o).reason())
                    .contains("time budget ran out")
                    .contains("POST /test.kind"));
  }

  @Test
  void eachRequestGetsAtMostTheTimeThatIsLeft() {
    ClassifiedEvent e = classified(Delivery.PER_RECORD, "1");
    RecordingApp app = new RecordingApp();
    Configuration c = Configuration.builder().timeout(Duration.ofMinutes(5)).build();
    pipeline(c, e).dispatch(e, app, null, Duration.ofSeconds(2));
    assertThat(app.requests.get(0).timeout()).isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void routeOverridesTakePrecedenceInOrder() {
    List<EventRecord> records =
        List.of(
            EventRecord.of(
                null,
                "/default",
                event("1", "t.special", "/a/b"),
                Payload.json("1"),
                Payload.json("1")),
            EventRecord.of(
                null, "/default", event("2", "t", "/a/b/c"), Payload.json("2"), Payload.json("2")),
            EventRecord.of(
                null, "/default", event("3", "t", "/a/x"), Payload.json("3"), Payload.json("3")),
            EventRecord.of(
                null, "/default", event("4", "t", "/z"), Payload.json("4"), Payload.json("4")));
    ClassifiedEvent e =
        new ClassifiedEvent(
            RawEvent.GCP,
            "k",
            Delivery.PER_RECORD,
            StandardReply.EVENT,
            records,
            Payload.json("[]"));
    Configuration c =
        Configuration.builder()
            .routes(
                RouteOverrides.parse(
                    "{\"types\":{\"t.special\":\"/special\"},"
                        + "\"sources\":{\"/a\":\"/under-a\",\"/a/b\":\"/under-ab\"},"
                        + "\"kinds\":{\"k\":\"/kind\"}}"))
            .requestDefaults(RequestDefaults.parse("{\"pathPrefix\":\"/events\"}"))
            .build();
    Explanation x = pipeline(c, e).explain(RawEvent.builder(RawEvent.GCP, new byte[0]).build());
    assertThat(x.requests())
        .extracting(AppRequest::path)
        .containsExactly("/events/special", "/events/under-ab", "/events/under-a", "/events/kind");
    assertThat(x.decisions())
        .extracting(RouteOverrides.Decision::rule)
        .containsExactly("type t.special", "source /a/b", "source /a", "kind k");
    Configuration plain = Configuration.builder().build();
    assertThat(pipeline(plain, e).explain(RawEvent.builder("gcp", new byte[0]).build()).decisions())
        .extracting(RouteOverrides.Decision::rule)
        .containsOnly("default");
  }

  @Test
  void requestDefaultsMergeAndEventHeadersWin() {
    ClassifiedEvent e = classified(Delivery.PER_RECORD, "1");
    Configuration c =
        Configuration.builder()
            .requestDefaults(
                RequestDefaults.parse(
                    "{\"method\":\"PUT\",\"pathPrefix\":\"/events\",\"headers\":{"
                        + "\"X-Api-Key\":\"secret\",\"content-type\":\"text/html\","
                        + "\"Accept\":[\"a/b\",\"c/d\"]}}"))
            .build();
    RecordingApp app = new RecordingApp();
    pipeline(c, e).dispatch(e, app, null, BUDGET);
    AppRequest req = app.requests.get(0);
    assertThat(req.method()).isEqualTo("PUT");
    assertThat(req.path()).isEqualTo("/events/test.kind");
    assertThat(req.headers().all("Content-Type")).containsExactly("application/json");
    assertThat(req.header("x-api-key")).contains("secret");
    assertThat(req.headers().all("accept")).containsExactly("a/b", "c/d");
    assertThat(req.headers().contains("Host")).isFalse();
    assertThatThrownBy(() -> RequestDefaults.parse("{\"headers\":{\"Host\":\"x\"}}"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> RequestDefaults.parse("{\"headers\":{\"Content-Length\":\"1\"}}"))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void httpRequestsPassThroughWithDefaultHeadersOnly() {
    AppRequest original =
        AppRequest.builder("GET", "/api/books")
            .query("q=1")
            .header("Accept", "application/json")
            .build();
    ClassifiedEvent e =
        new ClassifiedEvent(
            RawEvent.AWS,
            "aws.apigateway",
            Delivery.PER_RECORD,
            StandardReply.HTTP,
            List.of(EventRecord.http("/api/books", null, original)),
            Payload.json("{}"));
    Configuration c =
        Configuration.builder()
            .requestDefaults(
                RequestDefaults.parse(
                    "{\"method\":\"PUT\",\"pathPrefix\":\"/events\",\"headers\":{\"X-A\":\"1\",\"Accept\":\"x/y\"}}"))
            .batch(BatchMode.WHOLE)
            .build();
    RecordingApp app = new RecordingApp();
    pipeline(c, e).dispatch(e, app, CONTEXT, BUDGET);
    AppRequest req = app.requests.get(0);
    assertThat(req.method()).isEqualTo("GET");
    assertThat(req.target()).isEqualTo("/api/books?q=1");
    assertThat(req.headers().all("Accept")).containsExactly("application/json");
    assertThat(req.header("X-A")).contains("1");
    assertThat(req.attributes())
        .doesNotContainKey(RequestAttributes.PLATFORM_EVENT)
        .containsEntry(RequestAttributes.PLATFORM_CONTEXT, CONTEXT);
  }

  @Test
  void unrecognizedEventsGoToTheFallbackRouteWhenConfigured() {
    RawEvent raw = RawEvent.builder(RawEvent.AWS, "{\"mystery\":1}".getBytes(UTF_8)).build();
    EventPipeline rejecting =
        EventPipeline.create(Configuration.builder().build(), ClassifierRegistry.of());
    assertThatThrownBy(() -> rejecting.classify(raw))
        .isInstanceOf(UnrecognizedEventException.class)
        .hasMessageContaining("top-level keys [mystery]");

    Configuration c =
        Configuration.builder()
            .unrecognizedRoute("/other")
            .requestDefaults(
                RequestDefaults.parse("{\"pathPrefix\":\"/events\",\"method\":\"PUT\"}"))
            .build();
    EventPipeline p = EventPipeline.create(c, ClassifierRegistry.of());
    ClassifiedEvent e = p.classify(raw);
    assertThat(e.kind()).isEqualTo(EventPipeline.UNRECOGNIZED_KIND);
    RecordingApp app = new RecordingApp();
    DispatchResult r = p.dispatch(e, app, null, BUDGET);
    assertThat(r.allHandled()).isTrue();
    AppRequest req = app.requests.get(0);
    assertThat(req.method()).isEqualTo("PUT");
    assertThat(req.path()).isEqualTo("/events/other");
    assertThat(req.bodyText()).isEqualTo("{\"mystery\":1}");
    assertThat(req.header("Content-Type")).contains("application/octet-stream");
    assertThat(req.attributes()).containsEntry(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE);
    assertThat(p.explain(raw).decisions().get(0).rule()).isEqualTo("unrecognized");

    RawEvent broken = RawEvent.builder(RawEvent.AWS, "{\"a\":".getBytes(UTF_8)).build();
    assertThat(p.classify(broken).records().get(0).httpRequest().bodyText()).isEqualTo("{\"a\":");
    assertThatThrownBy(() -> rejecting.classify(broken))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("ends too early");
  }

  @Test
  void explainDoesNotCallTheApplication() {
    EventPipeline p =
        EventPipeline.create(
            Configuration.builder().build(), ClassifierRegistry.of(new CloudEventsClassifier()));
    RawEvent raw =
        RawEvent.builder(
                RawEvent.AWS,
                ("[{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"/one\",\"type\":\"t\"},"
                        + "{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"/two\",\"type\":\"t\"}]")
                    .getBytes(UTF_8))
            .headers(
                Headers.builder().add("Content-Type", "application/cloudevents-batch+json").build())
            .build();
    Explanation x = p.explain(raw);
    assertThat(x.requests()).extracting(AppRequest::path).containsExactly("/one", "/two");
    assertThat(x.decisions())
        .extracting(RouteOverrides.Decision::route)
        .containsExactly("/one", "/two");
    assertThat(x.describe())
        .contains("kind:     cloudevents")
        .contains("request 1: POST /one")
        .contains("ce-id: b")
        .contains("(route rule: default)");
  }

  @Test
  void ceHeadersArePercentEncodedAndNeverCarryRawControlCharacters() {
    CloudEvent ce =
        CloudEventBuilder.v1()
            .withId("id with space")
            .withSource(URI.create("/src"))
            .withType("t")
            .withSubject("say \"hi\" 100% caf\u00e9 \ud83d\ude00\r\nX-Injected: 1\u0000")
            .withExtension("note", "a\nb")
            .withExtension("count", 5)
            .build();
    EventRecord rec = EventRecord.of(null, "/x", ce, Payload.json("{}"), Payload.json("{}"));
    ClassifiedEvent e =
        new ClassifiedEvent(
            RawEvent.HTTP,
            "k",
            Delivery.PER_RECORD,
            StandardReply.EVENT,
            List.of(rec),
            Payload.json("{}"));
    AppRequest req = pipeline(e).requests(e, null, BUDGET).get(0);
    assertThat(req.header("ce-id")).contains("id%20with%20space");
    assertThat(req.header("ce-subject"))
        .contains("say%20%22hi%22%20100%25%20caf%C3%A9%20%F0%9F%98%80%0D%0AX-Injected:%201%00");
    assertThat(req.header("ce-note")).contains("a%0Ab");
    assertThat(req.header("ce-count")).contains("5");
    assertThat(req.headers().fields())
        .allSatisfy(
            f -> assertThat(f.getValue().chars()).noneMatch(c -> c < 0x21 || c > 0x7E || c == '"'));
  }

  @Test
  void binaryCloudEventRoundTripsThroughThePipeline() {
    EventPipeline p =
        EventPipeline.create(
            Configuration.builder().build(), ClassifierRegistry.of(new CloudEventsClassifier()));
    RawEvent raw =
        RawEvent.builder(RawEvent.HTTP, "<x/>".getBytes(UTF_8))
            .headers(
                Headers.builder()
                    .add("ce-specversion", "1.0")
                    .add("ce-id", "42")
                    .add("ce-source", "//storage.googleapis.com/projects/_/buckets/b")
                    .add("ce-type", "google.cloud.storage.object.v1.finalized")
                    .add("ce-subject", "objects/caf%C3%A9%20x.txt")
                    .add("Content-Type", "application/xml")
                    .build())
            .build();
    RecordingApp app = new RecordingApp();
    DispatchResult r = p.dispatch(p.classify(raw), app, null, BUDGET);
    assertThat(r.allHandled()).isTrue();
    AppRequest req = app.requests.get(0);
    assertThat(req.path()).isEqualTo("/storage.googleapis.com/projects/_/buckets/b");
    assertThat(req.header("ce-subject")).contains("objects/caf%C3%A9%20x.txt");
    assertThat(req.header("Content-Type")).contains("application/xml");
    assertThat(req.bodyText()).isEqualTo("<x/>");
    assertThat(req.attributes()).doesNotContainKey(RequestAttributes.ITEM_ID);
  }
}
