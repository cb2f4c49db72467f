package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CloudWatchLogsClassifierTest {
  static final String DECODED =
      """
      {"messageType":"DATA_MESSAGE","owner":"123456789123","logGroup":"/aws/lambda/f",
       "logStream":"2024/01/01/[$LATEST]abc","subscriptionFilters":["f"],
       "logEvents":[{"id":"eventId1","timestamp":1440442987000,"message":"[ERROR] one"},
                    {"id":"eventId2","timestamp":1440442987001,"message":"[ERROR] two"}]}""";

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String event(byte[] decoded) {
    return "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gzip(decoded)) + "\"}}";
  }

  @Test
  void oneRequestCarriesEveryLogEvent() {
    String json = event(DECODED.getBytes(StandardCharsets.UTF_8));
    DispatchProbe probe = DispatchProbe.of(new CloudWatchLogsClassifier());
    var result = probe.dispatch(json);
    assertThat(result.event().kind()).isEqualTo("aws.logs");
    assertThat(result.event().reply()).isEqualTo(LambdaReply.ASYNC);
    var r = probe.only();
    assertThat(r.path()).isEqualTo("/aws.logs");
    assertThat(DispatchProbe.header(r, "ce-id")).isEqualTo("eventId1");
    assertThat(DispatchProbe.header(r, "ce-source"))
        .isEqualTo("aws:logs:123456789123:log-group:/aws/lambda/f");
    assertThat(DispatchProbe.header(r, "ce-type")).isEqualTo("com.amazonaws.logs.DATA_MESSAGE");
    assertThat(DispatchProbe.header(r, "ce-time")).isEqualTo("2015-08-24T19:03:07Z");
    assertThat(DispatchProbe.header(r, "ce-subject")).isEqualTo("2024/01/01/[$LATEST]abc");
    assertThat(r.bodyText()).isEqualTo(json);
  }

  @Test
  void unwrappedModeSendsTheDecodedJson() {
    DispatchProbe probe = DispatchProbe.unwrapped(new CloudWatchLogsClassifier());
    probe.dispatch(event(DECODED.getBytes(StandardCharsets.UTF_8)));
    assertThat(probe.only().bodyText()).isEqualTo(DECODED);
    assertThat(DispatchProbe.header(probe.only(), "Content-Type")).isEqualTo("application/json");
  }

  @Test
  void malformedBase64IsRejected() {
    assertThatThrownBy(
            () ->
                DispatchProbe.of(new CloudWatchLogsClassifier())
                    .classify("{\"awslogs\":{\"data\":\"H4sI*not base64*\"}}"))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
        .hasMessageContaining("aws aws.logs event: field awslogs.data is not valid base64");
  }

  @Test
  void dataThatIsNotGzipIsRejected() {
    String json =
        "{\"awslogs\":{\"data\":\""
            + Base64.getEncoder().encodeToString(DECODED.getBytes(StandardCharsets.UTF_8))
            + "\"}}";
    assertThatThrownBy(() -> DispatchProbe.of(new CloudWatchLogsClassifier()).classify(json))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
        .hasMessageContaining("is not valid gzip data");
  }

  @Test
  void truncatedGzipIsRejected() {
    byte[] gz = gzip(DECODED.getBytes(StandardCharsets.UTF_8));
    byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
    String json = "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(cut) + "\"}}";
    assertThatThrownBy(() -> DispatchProbe.of(new CloudWatchLogsClassifier()).classify(json))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("is not valid gzip data");
  }

  @Test
  void inflationIsCappedAtTheConfiguredBodyLimit() {
    byte[] bomb = new byte[2_000_000]; // 2 MB of zeros: a few KB compressed
    String json = event(bomb);
    assertThat(json.length()).isLessThan(10_000);
    RawEvent raw =
        RawEvent.builder(RawEvent.AWS, json.getBytes(StandardCharsets.UTF_8))
            .limits(new JsonLimits(1_000_000, 64))
            .build();
    assertThatThrownBy(() -> new CloudWatchLogsClassifier().classify(raw))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE))
        .hasMessageContaining("inflates to more than the limit of 1000000 bytes");
  }

  @Test
  void decodedDataWithoutLogEventsOrIdsIsRejected() {
    String noEvents =
        "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"g\",\"logEvents\":[]}";
    assertThatThrownBy(
            () ->
                DispatchProbe.of(new CloudWatchLogsClassifier())
                    .classify(event(noEvents.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD))
        .hasMessageContaining("field awslogs.data.logEvents is an empty array");
    String noId = DECODED.replace("\"id\":\"eventId1\",", "");
    assertThatThrownBy(
            () ->
                DispatchProbe.of(new CloudWatchLogsClassifier())
                    .classify(event(noId.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("field awslogs.data.logEvents[0].id is missing");
  }

  @Test
  void decodedDataThatIsNotJsonIsRejected() {
    assertThatThrownBy(
            () ->
                DispatchProbe.of(new CloudWatchLogsClassifier())
                    .classify(event("plain text".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
        .hasMessageContaining("field awslogs.data does not decode to a JSON object");
  }
}
