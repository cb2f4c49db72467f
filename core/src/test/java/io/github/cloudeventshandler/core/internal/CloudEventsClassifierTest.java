package io.github.cloudeventshandler.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.classifier.StandardReply;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventsClassifierTest {
  private static final CloudEventsClassifier CLASSIFIER = new CloudEventsClassifier();

  private static final String MIN =
      "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"mock.test\","
          + "\"source\":\"http://localhost/source\"";

  private static RawEvent lambda(String body) {
    return RawEvent.builder(RawEvent.AWS, body.getBytes(UTF_8)).build();
  }

  private static RawEvent structured(String body) {
    return http(body, Headers.builder().add("Content-Type", "application/cloudevents+json"));
  }

  private static RawEvent http(String body, Headers.Builder headers) {
    return RawEvent.builder(RawEvent.HTTP, body.getBytes(UTF_8))
        .headers(headers.build())
        .request("POST", "/", null)
        .build();
  }

  private static Headers.Builder binaryHeaders() {
    return Headers.builder()
        .add("ce-specversion", "1.0")
        .add("ce-id", "b-1")
        .add("ce-source", "/mycontext/subcontext")
        .add("ce-type", "com.example.someevent");
  }

  private static ClassifiedEvent classify(RawEvent raw) {
    return CLASSIFIER.classify(raw).orElseThrow(() -> new AssertionError("not claimed: " + raw));
  }

  private static CloudEvent single(RawEvent raw) {
    ClassifiedEvent e = classify(raw);
    assertThat(e.records()).hasSize(1);
    return e.records().get(0).cloudEvent();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(
      RawEvent raw, Problem problem) {
    return assertThatThrownBy(() -> CLASSIFIER.classify(raw))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(problem))
        .hasMessageEndingWith("(see docs/troubleshooting.md#" + problem.anchor() + ")");
  }

  @Test
  void runsAfterProviderSpecificClassifiers() {
    assertThat(CLASSIFIER.priority()).isEqualTo(1000);
  }

  @Test
  void structuredEventWithEveryAttribute() {
    ClassifiedEvent e =
        classify(
            structured(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"mock.test\","
                    + "\"source\":\"http://localhost/source\",\"dataschema\":\"http://localhost/schema\","
                    + "\"datacontenttype\":\"application/json\",\"data\":{\"big\":12345678901234567890},"
                    + "\"subject\":\"sub\",\"time\":\"2018-04-26T14:48:09+02:00\","
                    + "\"astring\":\"aaa\",\"aboolean\":true,\"anumber\":10}"));
    assertThat(e.provider()).isEqualTo(RawEvent.HTTP);
    assertThat(e.kind()).isEqualTo("cloudevents");
    assertThat(e.delivery()).isEqualTo(Delivery.ALL_OR_NOTHING);
    assertThat(e.reply()).isEqualTo(StandardReply.EVENT);
    assertThat(e.route()).isEqualTo("/localhost/source");
    EventRecord r = e.records().get(0);
    assertThat(r.itemId()).isNull();
    CloudEvent ce = r.cloudEvent();
    assertThat(ce.getSpecVersion()).isEqualTo(SpecVersion.V1);
    assertThat(ce.getId()).isEqualTo("1");
    assertThat(ce.getType()).isEqualTo("mock.test");
    assertThat(ce.getSource()).isEqualTo(URI.create("http://localhost/source"));
    assertThat(ce.getDataSchema()).isEqualTo(URI.create("http://localhost/schema"));
    assertThat(ce.getDataContentType()).isEqualTo("application/json");
    assertThat(ce.getSubject()).isEqualTo("sub");
    assertThat(ce.getTime())
        .isEqualTo(OffsetDateTime.of(2018, 4, 26, 14, 48, 9, 0, ZoneOffset.ofHours(2)));
    assertThat(ce.getExtension("astring")).isEqualTo("aaa");
    assertThat(ce.getExtension("aboolean")).isEqualTo(Boolean.TRUE);
    assertThat(ce.getExtension("anumber")).isEqualTo(10);
    assertThat(ce.getData().toBytes()).asString(UTF_8).isEqualTo("{\"big\":12345678901234567890}");
    assertThat(r.nativePayload().contentType()).isEqualTo("application/json");
    assertThat(r.nativePayload().text()).isEqualTo("{\"big\":12345678901234567890}");
    assertThat(r.unwrappedPayload()).isEqualTo(r.nativePayload());
    assertThat(e.whole().contentType()).isEqualTo("application/cloudevents+json");
    assertThat(e.whole().length()).isGreaterThan(r.nativePayload().length());
  }

  @Test
  void lambdaDeliversABareStructuredEvent() {
    ClassifiedEvent e = classify(lambda(MIN + "}"));
    assertThat(e.provider()).isEqualTo(RawEvent.AWS);
    assertThat(e.route()).isEqualTo("/localhost/source");
    EventRecord r = e.records().get(0);
    assertThat(r.cloudEvent().getData()).isNull();
    assertThat(r.nativePayload().length()).isZero();
    assertThat(r.nativePayload().contentType()).isEqualTo("application/json");
    assertThat(e.whole().contentType()).isEqualTo("application/cloudevents+json");
  }

  @Test
  void structuredContentTypeWithCharsetAndCase() {
    RawEvent raw =
        http(
            MIN + "}",
            Headers.builder().add("content-type", "Application/CloudEvents+JSON; charset=UTF-8"));
    assertThat(single(raw).getId()).isEqualTo("1");
  }

  @Test
  void plainCloudEventsMediaTypeIsJson() {
    RawEvent raw =
        http(MIN + "}", Headers.builder().add("Content-Type", "application/cloudevents"));
    assertThat(single(raw).getId()).isEqualTo("1");
  }

  @Test
  void otherEventFormatsAreRejected() {
    rejects(
            http(MIN + "}", Headers.builder().add("Content-Type", "application/cloudevents+avro")),
            Problem.INVALID_FIELD)
        .hasMessageContaining("application/cloudevents+avro");
    rejects(
            http(
                MIN + "}",
                Headers.builder()
                    .add("Content-Type", "application/cloudevents+json; charset=latin1")),
            Problem.INVALID_FIELD)
        .hasMessageContaining("latin1");
  }

  @Test
  void notMine() {
    // EventBridge: id + source + detail-type, no type, no specversion.
    assertThat(
            CLASSIFIER.classify(
                lambda(
                    "{\"version\":\"0\",\"id\":\"x\",\"detail-type\":\"Scheduled Event\","
                        + "\"source\":\"aws.events\",\"detail\":{}}")))
        .isEmpty();
    assertThat(CLASSIFIER.classify(lambda("{\"Records\":[]}"))).isEmpty();
    assertThat(CLASSIFIER.classify(lambda("[" + MIN + "}]"))).isEmpty();
    assertThat(CLASSIFIER.classify(lambda("not json"))).isEmpty();
    assertThat(CLASSIFIER.classify(lambda("{\"specversion\":"))).isEmpty();
    // With transport headers, a JSON body without ce-* headers is an ordinary request.
    assertThat(
            CLASSIFIER.classify(
                http(MIN + "}", Headers.builder().add("Content-Type", "application/json"))))
        .isEmpty();
  }

  @Test
  void bareObjectWithIdSourceTypeButNoSpecversionIsReported() {
    rejects(lambda("{\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}"), Problem.MISSING_FIELD)
        .hasMessageContaining("'specversion'")
        .hasMessageContaining("id '1'")
        .hasMessageContaining("source '/s'")
        .hasMessageStartingWith("aws structured CloudEvent");
  }

  @ParameterizedTest(name = "[{index}] missing {0}")
  @ValueSource(strings = {"specversion", "id", "source", "type"})
  void eachMissingRequiredAttributeIsNamed(String attribute) {
    com.google.gson.JsonObject o =
        com.google.gson.JsonParser.parseString(MIN + "}").getAsJsonObject();
    o.remove(attribute);
    rejects(structured(o.toString()), Problem.MISSING_FIELD)
        .hasMessageContaining("'" + attribute + "'");
    o.addProperty(attribute, "");
    rejects(structured(o.toString()), Problem.MISSING_FIELD)
        .hasMessageContaining("'" + attribute + "'");
    o.add(attribute, com.google.gson.JsonNull.INSTANCE);
    rejects(structured(o.toString()), Problem.MISSING_FIELD)
        .hasMessageContaining("'" + attribute + "'");
  }

  @ParameterizedTest(name = "[{index}] specversion {0}")
  @ValueSource(strings = {"\"0.3\"", "\"2.0\"", "\"1\"", "1.0", "true"})
  void onlySpecVersionOneIsAccepted(String value) {
    rejects(
            structured(
                "{\"specversion\":" + value + ",\"id\":\"1\",\"type\":\"t\",\"source\":\"/s\"}"),
            Problem.INVALID_FIELD)
        .hasMessageContaining("specversion");
  }

  @Test
  void nonStringAttributesAreInvalid() {
    rejects(
            structured("{\"specversion\":\"1.0\",\"id\":1,\"type\":\"t\",\"source\":\"/s\"}"),
            Problem.INVALID_FIELD)
        .hasMessageContaining("attribute 'id' must be a JSON string but is a number");
    rejects(structured(MIN + ",\"subject\":{}}"), Problem.INVALID_FIELD)
        .hasMessageContaining("'subject'");
  }

  @Test
  void controlCharactersInAttributesAreInvalid() {
    rejects(
            structured(
                "{\"specversion\":\"1.0\",\"id\":\"a\\r\\nb\",\"type\":\"t\",\"source\":\"/s\"}"),
            Problem.INVALID_FIELD)
        .hasMessageContaining("U+000D")
        .hasMessageNotContaining("\r");
  }

  @Test
  void loneSurrogatesInAttributesAreInvalid() {
    // found by fuzzing: a JSON escape of half a surrogate pair became the source (and the route
    // /%EF%BF%BD); a CloudEvents String holds Unicode characters only
    for (String member :
        List.of(
            "\"source\":\"\\ud800\"",
            "\"source\":\"/s\",\"subject\":\"a\\udc00\"",
            "\"source\":\"/s\",\"myext\":\"\\ud83d\"")) {
      rejects(
              structured("{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\"," + member + "}"),
              Problem.INVALID_FIELD)
          .hasMessageContaining("half of a surrogate pair");
    }
    // a pair is a character like any other
    assertThat(
            classify(structured(MIN + ",\"subject\":\"\\ud83d\\ude00\"}"))
                .records()
                .get(0)
                .cloudEvent()
                .getSubject())
        .isEqualTo("\ud83d\ude00");
  }

  @Test
  void sourceMustBeAUriReference() {
    rejects(
            structured("{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\",\"source\":\"a b\"}"),
            Problem.INVALID_FIELD)
        .hasMessageContaining("source 'a b' is not a URI reference");
  }

  @Test
  void sourceThatTriesTraversalGetsARouteThatCannotClimb() {
    EventRecord r =
        classify(
                structured(
                    "{\"specversion\":\"1.0\",\"id\":\"evil\",\"type\":\"t\",\"source\":\"../../etc/passwd\"}"))
            .records()
            .get(0);
    assertThat(r.route()).isEqualTo("/__/__/etc/passwd");
    EventRecord https =
        classify(
                structured(
                    "{\"specversion\":\"1.0\",\"id\":\"e-9\",\"type\":\"t\",\"source\":\"https://x.example/a/../../admin\"}"))
            .records()
            .get(0);
    assertThat(https.route()).isEqualTo("/x.example/a/__/__/admin");
  }

  @Test
  void dataBase64BecomesBytes() {
    CloudEvent ce =
        single(
            structured(MIN + ",\"datacontenttype\":\"image/png\",\"data_base64\":\"AAEC/w==\"}"));
    assertThat(ce.getData().toBytes()).containsExactly(0, 1, 2, 0xFF);
    EventRecord r = classify(structured(MIN + ",\"data_base64\":\"AAEC/w==\"}")).records().get(0);
    assertThat(r.nativePayload().bytes()).containsExactly(0, 1, 2, 0xFF);
  }

  @Test
  void dataBase64MustBeBase64() {
    rejects(structured(MIN + ",\"data_base64\":\"not base64!\"}"), Problem.INVALID_FIELD)
        .hasMessageContaining("data_base64");
    rejects(structured(MIN + ",\"data_base64\":5}"), Problem.INVALID_FIELD);
  }

  @Test
  void dataAndDataBase64TogetherAreInvalid() {
    rejects(structured(MIN + ",\"data\":{},\"data_base64\":\"e30=\"}"), Problem.INVALID_FIELD)
        .hasMessageContaining("both 'data' and 'data_base64'");
  }

  @Test
  void aJsonStringStaysAString() {
    EventRecord r =
        classify(
                structured(
                    MIN + ",\"datacontenttype\":\"application/json\",\"data\":\"{\\\"a\\\":1}\"}"))
            .records()
            .get(0);
    // The body is the JSON text of the string value, not the string parsed again as JSON.
    assertThat(r.nativePayload().text()).isEqualTo("\"{\\\"a\\\":1}\"");
    assertThat(r.nativePayload().contentType()).isEqualTo("application/json");
  }

  @Test
  void jsonSuffixTypesAreJson() {
    EventRecord r =
        classify(
                structured(MIN + ",\"datacontenttype\":\"application/vnd.x+json\",\"data\":[1,2]}"))
            .records()
            .get(0);
    assertThat(r.nativePayload().text()).isEqualTo("[1,2]");
    assertThat(r.nativePayload().contentType()).isEqualTo("application/vnd.x+json");
  }

  @Test
  void absentContentTypeMeansJson() {
    EventRecord r = classify(structured(MIN + ",\"data\":\"hi\"}")).records().get(0);
    assertThat(r.nativePayload().text()).isEqualTo("\"hi\"");
    assertThat(r.nativePayload().contentType()).isEqualTo("application/json");
    assertThat(r.cloudEvent().getDataContentType()).isNull();
  }

  @Test
  void textDataIsDeliveredAsText() {
    EventRecord r =
        classify(
                structured(
                    MIN + ",\"datacontenttype\":\"text/plain\",\"data\":\"Hello World Lorena!\"}"))
            .records()
            .get(0);
    assertThat(r.nativePayload().text()).isEqualTo("Hello World Lorena!");
    assertThat(r.nativePayload().contentType()).isEqualTo("text/plain");
    EventRecord xml =
        classify(
                structured(
                    MIN + ",\"datacontenttype\":\"application/xml\",\"data\":\"<stuff></stuff>\"}"))
            .records()
            .get(0);
    assertThat(xml.unwrappedPayload().text()).isEqualTo("<stuff></stuff>");
  }

  @Test
  void nullDataIsJsonNull() {
    assertThat(
            classify(structured(MIN + ",\"data\":null}")).records().get(0).nativePayload().text())
        .isEqualTo("null");
    assertThat(
            classify(structured(MIN + ",\"datacontenttype\":\"text/plain\",\"data\":null}"))
                .records()
                .get(0)
                .nativePayload()
                .length())
        .isZero();
  }

  @Test
  void contentTypeThatWouldInjectAHeaderIsUnsafe() {
    rejects(
        structured(MIN + ",\"datacontenttype\":\"text/plain\\r\\nX-Evil: 1\",\"data\":\"x\"}"),
        Problem.UNSAFE_HEADER);
    rejects(
            structured(MIN + ",\"datacontenttype\":\"plain\",\"data\":\"x\"}"),
            Problem.INVALID_FIELD)
        .hasMessageContaining("not a media type");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"Foo", "foo_bar", "foo-bar", "caf\u00e9"})
  void extensionNamesMustBeLowerCaseAlphanumeric(String name) {
    rejects(structured(MIN + ",\"" + name + "\":\"x\"}"), Problem.INVALID_FIELD)
        .hasMessageContaining("extension attribute name '" + name + "'");
  }

  /**
   * Issue 10, class 2: a CloudEvent written with {@code specVersion} (as some Microsoft examples
   * spell it) hears that the case is wrong, not that specversion is missing; so do the other
   * defined attributes in another case, and the names of the Event Grid schema and of CloudEvents
   * 0.1 / 0.3, which some senders still use.
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "{\"specVersion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}"
            + " | 'specVersion' | write 'specversion'",
        "{\"SpecVersion\":\"1.0\",\"ID\":\"1\",\"Source\":\"/s\",\"Type\":\"t\"} | 'SpecVersion'"
            + " | write 'specversion'",
        "MIN,\"dataContentType\":\"text/plain\"} | 'dataContentType' | write 'datacontenttype'",
        "MIN,\"dataSchema\":\"https://x/s\"} | 'dataSchema' | write 'dataschema'",
        "MIN,\"Subject\":\"s\"} | 'Subject' | write 'subject'",
        "MIN,\"Time\":\"2020-01-01T00:00:00Z\"} | 'Time' | write 'time'",
        "MIN,\"Data\":{}} | 'Data' | write 'data'",
        "MIN,\"data_Base64\":\"YQ==\"} | 'data_Base64' | write 'data_base64'",
        "MIN,\"ID\":\"2\"} | 'ID' | write 'id'",
        "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"eventType\":\"t\"}"
            + " | 'eventType' | in a CloudEvents 1.0 event it is 'type'",
        "MIN,\"eventTime\":\"2020-01-01T00:00:00Z\"} | 'eventTime' | it is 'time'",
        "MIN,\"eventID\":\"x\"} | 'eventID' | it is 'id'",
        "MIN,\"cloudEventsVersion\":\"0.1\"} | 'cloudEventsVersion' | it is 'specversion'",
        "MIN,\"contentType\":\"text/plain\"} | 'contentType' | it is 'datacontenttype'",
        "MIN,\"schemaURL\":\"https://x/s\"} | 'schemaURL' | it is 'dataschema'"
      })
  void attributeNamesInTheWrongCaseOrFromOtherSchemasAreNamedAsMisspelled(
      String json, String name, String hint) {
    String body = json.startsWith("MIN") ? MIN + json.substring(3) : json;
    for (RawEvent raw : new RawEvent[] {structured(body), lambda(body)}) {
      rejects(raw, Problem.INVALID_FIELD)
          .hasMessageContaining("attribute " + name + " is misspelled")
          .hasMessageContaining(hint)
          .hasMessageNotContaining("missing");
    }
  }

  @Test
  void extensionValueTypes() {
    CloudEvent ce = single(structured(MIN + ",\"n\":-2147483648,\"skip\":null,\"b\":false}"));
    assertThat(ce.getExtension("n")).isEqualTo(Integer.MIN_VALUE);
    assertThat(ce.getExtension("b")).isEqualTo(Boolean.FALSE);
    assertThat(ce.getExtensionNames()).containsExactlyInAnyOrder("n", "b");
    rejects(structured(MIN + ",\"n\":1.5}"), Problem.INVALID_FIELD)
        .hasMessageContaining("not a CloudEvents Integer");
    rejects(structured(MIN + ",\"n\":2147483648}"), Problem.INVALID_FIELD);
    rejects(structured(MIN + ",\"o\":{\"a\":1}}"), Problem.INVALID_FIELD)
        .hasMessageContaining("extension 'o' is an object");
    rejects(structured(MIN + ",\"a\":[1]}"), Problem.INVALID_FIELD);
  }

  @Test
  void emptySubjectIsTreatedAsAbsent() {
    assertThat(single(structured(MIN + ",\"subject\":\"\"}")).getSubject()).isNull();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "2018-04-26T14:48:09.1234Z, 2018-04-26T14:48:09.123400Z",
    "2018-04-26t14:48:09z, 2018-04-26T14:48:09Z",
    "2018-04-26T14:48:09-05:30, 2018-04-26T20:18:09Z"
  })
  void rfc3339TimesAreAccepted(String time, String utc) {
    CloudEvent ce = single(structured(MIN + ",\"time\":\"" + time + "\"}"));
    assertThat(ce.getTime().toInstant()).isEqualTo(OffsetDateTime.parse(utc).toInstant());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "yesterday",
        "2018-04-26",
        "2018-04-26T14:48Z",
        "2018-04-26T14:48:09",
        "2018-04-26 14:48:09Z",
        "2018-02-30T00:00:00Z",
        "2018-04-26T25:00:00Z",
        "2018-04-26T14:48:09+0200"
      })
  void otherTimesAreInvalid(String time) {
    rejects(structured(MIN + ",\"time\":\"" + time + "\"}"), Problem.INVALID_FIELD)
        .hasMessageContaining("RFC 3339");
  }

  @Test
  void notAnObjectIsInvalid() {
    rejects(structured("[1]"), Problem.INVALID_FIELD).hasMessageContaining("an array");
    rejects(structured("{\"id\":"), Problem.MALFORMED_JSON);
  }

  @Test
  void batchGivesOneRecordPerEventWithItsId() {
    String body =
        "["
            + MIN
            + "},{\"specversion\":\"1.0\",\"id\":\"2\",\"type\":\"t\",\"source\":\"/other\","
            + "\"data\":{\"x\":1}}]";
    ClassifiedEvent e =
        classify(
            http(
                body, Headers.builder().add("Content-Type", "application/cloudevents-batch+json")));
    assertThat(e.delivery()).isEqualTo(Delivery.ALL_OR_NOTHING);
    assertThat(e.kind()).isEqualTo("cloudevents");
    assertThat(e.records()).extracting(EventRecord::itemId).containsExactly("1", "2");
    assertThat(e.records())
        .extracting(EventRecord::route)
        .containsExactly("/localhost/source", "/other");
    assertThat(e.records().get(1).nativePayload().text()).isEqualTo("{\"x\":1}");
    assertThat(e.whole().contentType()).isEqualTo("application/cloudevents-batch+json");
    assertThat(e.whole().text()).isEqualTo(body);
  }

  @Test
  void batchErrorsNameTheElement() {
    Headers.Builder batch =
        Headers.builder().add("Content-Type", "application/cloudevents-batch+json");
    rejects(http("[]", batch), Problem.INVALID_FIELD).hasMessageContaining("batch is empty");
    rejects(http("[" + MIN + "},7]", batch), Problem.INVALID_FIELD)
        .hasMessageContaining("element [1] is a number");
    rejects(http(MIN + "}", batch), Problem.INVALID_FIELD)
        .hasMessageContaining("expected a JSON array");
    rejects(
            http("[" + MIN + "},{\"specversion\":\"1.0\",\"id\":\"z\",\"source\":\"/s\"}]", batch),
            Problem.MISSING_FIELD)
        .hasMessageContaining("batch[1] CloudEvent id 'z'")
        .hasMessageContaining("'type'");
  }

  @Test
  void binaryModeReadsHeadersAndBody() {
    RawEvent raw =
        http(
            "{\"world\":\"hello\"}",
            binaryHeaders()
                .add("ce-time", "2018-04-05T03:56:24Z")
                .add("CE-Subject", "Euro%20%E2%82%AC%20%f0%9f%98%80")
                .add("ce-comexampleextension1", "value")
                .add("ce-quoted", "\"a \\\"b\\\" c\"")
                .add("User-Agent", "foo")
                .add("Content-Type", "application/json"));
    ClassifiedEvent e = classify(raw);
    assertThat(e.route()).isEqualTo("/mycontext/subcontext");
    EventRecord r = e.records().get(0);
    CloudEvent ce = r.cloudEvent();
    assertThat(ce.getId()).isEqualTo("b-1");
    assertThat(ce.getType()).isEqualTo("com.example.someevent");
    assertThat(ce.getSubject()).isEqualTo("Euro € 😀");
    assertThat(ce.getTime()).isEqualTo(OffsetDateTime.parse("2018-04-05T03:56:24Z"));
    assertThat(ce.getDataContentType()).isEqualTo("application/json");
    assertThat(ce.getExtension("comexampleextension1")).isEqualTo("value");
    assertThat(ce.getExtension("quoted")).isEqualTo("a \"b\" c");
    assertThat(ce.getExtensionNames()).doesNotContain("user-agent");
    assertThat(r.nativePayload().text()).isEqualTo("{\"world\":\"hello\"}");
    assertThat(r.nativePayload().contentType()).isEqualTo("application/json");
    assertThat(r.unwrappedPayload()).isEqualTo(r.nativePayload());
    assertThat(e.whole()).isEqualTo(r.nativePayload());
  }

  @Test
  void binaryModeWithoutContentTypeIsOctetStream() {
    EventRecord r = classify(http("\u0001\u0002", binaryHeaders())).records().get(0);
    assertThat(r.nativePayload().contentType()).isEqualTo("application/octet-stream");
    assertThat(r.cloudEvent().getDataContentType()).isNull();
    assertThat(r.cloudEvent().getData().toBytes()).containsExactly(1, 2);
    assertThat(classify(http("", binaryHeaders())).records().get(0).cloudEvent().getData())
        .isNull();
  }

  @ParameterizedTest(name = "[{index}] missing ce-{0}")
  @ValueSource(strings = {"specversion", "id", "source", "type"})
  void binaryModeMissingEachRequiredHeader(String attribute) {
    Headers.Builder h = binaryHeaders().remove("ce-" + attribute);
    rejects(http("x", h), Problem.MISSING_FIELD).hasMessageContaining("'" + attribute + "'");
  }

  @Test
  void binaryModeRejectsDatacontenttypeHeader() {
    rejects(
            http("x", binaryHeaders().add("ce-datacontenttype", "text/plain")),
            Problem.INVALID_FIELD)
        .hasMessageContaining("ce-datacontenttype");
  }

  @Test
  void binaryModeRejectsRepeatedHeaders() {
    rejects(http("x", binaryHeaders().add("CE-ID", "again")), Problem.INVALID_FIELD)
        .hasMessageContaining("more than once");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "%C0%A0",
        "%zz",
        "abc%4",
        "abc%",
        "%FF",
        "%E2%82",
        "line%0D%0Abreak",
        "nul%00",
        "tab%09",
        "del%7F",
        "c1%C2%85",
        "raw\r\nInjected: yes",
        "raw\u0000nul",
        "\"unterminated\\\""
      })
  void binaryModeRejectsUnsafeHeaderValues(String value) {
    rejects(http("x", binaryHeaders().add("ce-subject", value)), Problem.UNSAFE_HEADER)
        .hasMessageContaining("header ce-subject")
        .hasMessageNotContaining("\r")
        .hasMessageNotContaining("\n");
  }

  @Test
  void headerNamesWithControlCharactersAreEscapedInMessages() {
    rejects(http("x", binaryHeaders().add("ce-sub\r\nject", "a\u0000")), Problem.UNSAFE_HEADER)
        .hasMessageContaining("header ce-sub\\u000d\\u000aject")
        .hasMessageNotContaining("\r");
  }

  @Test
  void percentDecodingHappensExactlyOnce() {
    CloudEvent ce = single(http("x", binaryHeaders().add("ce-subject", "%2541")));
    assertThat(ce.getSubject()).isEqualTo("%41");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"ce-Foo_Bar", "ce-foo-bar", "ce-"})
  void binaryModeRejectsBadExtensionNames(String header) {
    rejects(http("x", binaryHeaders().add(header, "v")), Problem.INVALID_FIELD)
        .hasMessageContaining("extension attribute name");
  }

  @Test
  void binaryModeUpperCaseHeaderNamesAreCaseInsensitive() {
    CloudEvent ce = single(http("x", binaryHeaders().add("CE-MyExt", "v")));
    assertThat(ce.getExtension("myext")).isEqualTo("v");
  }

  @Test
  void binaryModeSourceTraversalGetsARouteThatCannotClimb() {
    Headers.Builder h = binaryHeaders().set("ce-source", "/a/%2E%2E/%2E%2E/etc");
    // the header value is percent-decoded once: the source is "/a/../../etc"
    assertThat(classify(http("x", h)).route()).isEqualTo("/a/__/__/etc");
  }

  @Test
  void binaryModeBodyOverTheCapIsTooLarge() {
    RawEvent raw =
        RawEvent.builder(RawEvent.HTTP, new byte[65])
            .headers(binaryHeaders().build())
            .limits(new JsonLimits(64, 10))
            .build();
    rejects(raw, Problem.TOO_LARGE).hasMessageContaining("65 bytes");
  }

  @Test
  void binaryModeWithOnlySomeHeadersIsClaimedAndReported() {
    rejects(http("x", Headers.builder().add("ce-id", "1")), Problem.MISSING_FIELD)
        .hasMessageContaining("'specversion'");
    assertThat(
            CLASSIFIER.classify(http("x", Headers.builder().add("ce-subject", "only extensions"))))
        .isEqualTo(Optional.empty());
  }

  @Test
  void binaryModeBadTimeAndContentType() {
    rejects(http("x", binaryHeaders().add("ce-time", "now")), Problem.INVALID_FIELD)
        .hasMessageContaining("RFC 3339");
    rejects(http("x", binaryHeaders().add("Content-Type", "nonsense")), Problem.INVALID_FIELD)
        .hasMessageContaining("Content-Type");
  }
}
