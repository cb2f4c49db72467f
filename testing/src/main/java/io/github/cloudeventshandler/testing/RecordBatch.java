package io.github.cloudeventshandler.testing;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * A Lambda batch of records from one source ({@code {"Records":[…]}}): every record gets the
 * batch's {@code eventSourceARN} and the region in it ({@code awsRegion}), and whatever else the
 * source stamps on a record of a batch ({@link #stamp(JsonObject, int, String[])}).
 *
 * @param <R> the record builder
 */
abstract class RecordBatch<R extends JsonValue<R>> implements LambdaEvent {
  private final List<R> records;
  private final String sourceArn;

  RecordBatch(List<R> records, String sourceArn, String source) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("Lambda never receives an empty " + source + " batch");
    }
    this.records = List.copyOf(records);
    this.sourceArn = Objects.requireNonNull(sourceArn, "sourceArn");
  }

  final List<R> records() {
    return records;
  }

  final String sourceArn() {
    return sourceArn;
  }

  /** What else record {@code index} of this batch carries; {@code arn} is the ARN split at ':'. */
  void stamp(JsonObject record, int index, String[] arn) {}

  @Override
  public final byte[] toBytes() {
    String[] arn = sourceArn.split(":");
    int[] index = {0};
    return JsonValue.records(
        records,
        r -> {
          r.addProperty("eventSourceARN", sourceArn);
          if (arn.length > 3) {
            r.addProperty("awsRegion", arn[3]);
          }
          stamp(r, index[0]++, arn);
        });
  }

  @Override
  public String toString() {
    return toJson();
  }
}
