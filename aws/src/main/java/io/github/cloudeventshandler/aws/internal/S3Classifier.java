package io.github.cloudeventshandler.aws.internal;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
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
      EventField r = batch.records().get(i);
      String requestId = r.get("responseElements").get("x-amz-request-id").string();
      r = r.withEventId(requestId);
      String id = requestId + "." + r.get("responseElements").get("x-amz-id-2").string();
      r = r.withEventId(id);
      String region = r.get("awsRegion").string();
      String bucket = r.get("s3").get("bucket").get("name").string();
      String eventName = r.get("eventName").string();
      EventField key = r.get("s3").get("object").get("key");
      CloudEvent event =
          EventAttributes.of(
                  id, SOURCE + "." + region + "." + bucket, "com.amazonaws.s3." + eventName)
              .subject(decodeKey(key, key.string()))
              .time(r.get("eventTime").optTime().orElse(null))
              .build();
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
  static String decodeKey(EventField field, String key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(key.length());
    byte[] in = key.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '+') {
        out.write(' ');
      } else if (b == '%') {
        if (i + 2 >= in.length || hex(in[i + 1]) < 0 || hex(in[i + 2]) < 0) {
          throw field.invalid("has a malformed percent-escape: " + EventField.quote(key));
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
      throw field.invalid(
          "decodes to invalid UTF-8 (e.g. an overlong '.' or '/'): " + EventField.quote(key));
    }
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }
}
