package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.RecordOutcome;

/**
 * {@code FIREHOSE}: {@code {"records":[{"recordId","result","data"}]}}, one per record in order:
 * {@code Ok} with the application's body base64-encoded for a 2xx answer, {@code ProcessingFailed}
 * with the record's original data otherwise (Firehose then sends it to the error output). For an
 * MSK source the data field is {@code kafkaRecordValue}, as in the request. (In whole-batch mode
 * the handler uses {@link ResponseBodyReply} instead: the application answers the native Firehose
 * response itself.)
 */
public final class FirehoseReply implements ReplyShape {
  @Override
  public boolean readsEvent() {
    return true;
  }

  @Override
  public JsonElement reply(DispatchResult result, JsonElement event, Context context) {
    EventField in = EventField.root(event, RawEvent.AWS, FirehoseClassifier.KIND).get("records");
    JsonArray out = new JsonArray(result.outcomes().size());
    for (int i = 0; i < result.outcomes().size(); i++) {
      RecordOutcome o = result.outcomes().get(i);
      EventField original = in.get(i);
      String field = FirehoseClassifier.dataField(original);
      JsonObject r = new JsonObject();
      r.addProperty("recordId", o.record().itemId());
      if (o instanceof RecordOutcome.Handled h) {
        r.addProperty("result", "Ok");
        r.addProperty(field, ResponseBodies.base64(h.response().body()));
      } else {
        r.addProperty("result", "ProcessingFailed");
        r.addProperty(field, original.get(field).optStringOrEmpty().orElse(""));
      }
      out.add(r);
    }
    JsonObject reply = new JsonObject();
    reply.add("records", out);
    return reply;
  }
}
