package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * S3 event notifications ({@code Records[].eventSource = aws:s3}), mapped to CloudEvents as the
 * CloudEvents AWS S3 adapter says: {@code id} = {@code x-amz-request-id.x-amz-id-2}, {@code source}
 * = {@code aws:s3.<region>.<bucket>}, {@code type} = {@code com.amazonaws.s3.<eventName>}, {@code
 * subject} = the object key, form-URL-decoded once, {@code time} = {@code eventTime}. Route {@code
 * /aws.s3}. Object names are data, the one rule for S3 keys and Cloud Storage names
 * (docs/troubleshooting.md#unsafe-path): whatever a key holds ({@code ../../etc/passwd}, {@code .},
 * {@code %}, CR/LF), the event is delivered, the key in {@code subject} (percent-encoded whenever
 * it is written as a header) and in the body as S3 sent it; it never reaches a path. Only a key S3
 * cannot have sent is rejected: a malformed percent-escape, or bytes that are not UTF-8 (an
 * overlong {@code %C0%AE} dot, say).
 */
public final class S3Classifier implements EventClassifier {
  static final String KIND = "aws.s3";
  private static final String SOURCE = "aws:s3";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    RecordBatch batch = RecordBatch.find(raw, "eventSource", SOURCE, KIND);
    if (batch == null) {
      return Optional.empty();
    }
    List<EventRecord> records = new ArrayList<>(batch.records().size());
    for (int i = 0; i < batch.records().size(); i++) {
      JsonObject r = batch.records().get(i);
      String at = "Records[" + i + "]";
      String requestId =
          EventFields.require(
              EventFields.string(r, "responseElements", "x-amz-request-id"),
              KIND,
              at + ".responseElements.x-amz-request-id",
              null);
      String id2 =
          EventFields.require(
              EventFields.string(r, "responseElements", "x-amz-id-2"),
              KIND,
              at + ".responseElements.x-amz-id-2",
              requestId);
      String id = requestId + "." + id2;
      String region =
          EventFields.require(EventFields.string(r, "awsRegion"), KIND, at + ".awsRegion", id);
      String bucket =
          EventFields.require(
              EventFields.string(r, "s3", "bucket", "name"), KIND, at + ".s3.bucket.name", id);
      String eventName =
          EventFields.require(EventFields.string(r, "eventName"), KIND, at + ".eventName", id);
      String key =
          EventFields.require(
              EventFields.string(r, "s3", "object", "key"), KIND, at + ".s3.object.key", id);
      CloudEventBuilder ce =
          CloudEventBuilder.v1()
              .withId(id)
              .withSource(
                  EventFields.uri(
                      SOURCE + "." + region + "." + bucket, KIND, at + ".s3.bucket.name", id))
              .withType("com.amazonaws.s3." + eventName)
              .withSubject(decodeKey(key, at + ".s3.object.key", id))
              .withDataContentType(Payload.JSON);
      ce.withTime(
          EventTimes.isoTime(EventFields.string(r, "eventTime"), KIND, at + ".eventTime", id));
      CloudEvent event = ce.build();
      Payload p = batch.nativePayload(i);
      records.add(EventRecord.of(null, "/" + KIND, event, p, p));
    }
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.ASYNC,
            records,
            batch.whole()));
  }

  /**
   * Decodes an S3 notification key once, form style ({@code +} is a space), rejecting malformed
   * escapes and invalid UTF-8 instead of replacing them.
   */
  static String decodeKey(String key, String where, String id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(key.length());
    byte[] in = key.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '+') {
        out.write(' ');
      } else if (b == '%') {
        if (i + 2 >= in.length || hex(in[i + 1]) < 0 || hex(in[i + 2]) < 0) {
          throw EventFields.invalidAt(
              KIND, where, id, "has a malformed percent-escape: '" + key + "'");
        }
        out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else {
        out.write(b);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw EventFields.invalidAt(
          KIND, where, id, "decodes to invalid UTF-8 (e.g. an overlong '.' or '/'): '" + key + "'");
    }
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }
}
