package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.RecordOutcome;

/**
 * {@code BATCH_ITEM_FAILURES}: {@code {"batchItemFailures":[{"itemIdentifier":…}]}} listing every
 * record that failed or was skipped, in order; an empty list when all were handled. A record
 * without an item id cannot be reported, so it fails the whole batch (classifiers reject such
 * batches before dispatch; this is the last line).
 */
public final class BatchItemFailuresReply implements ReplyShape {
  @Override
  public JsonElement reply(DispatchResult result, JsonElement event, Context context) {
    JsonArray failures = new JsonArray();
    for (RecordOutcome o : result.unhandled()) {
      String id = o.record().itemId();
      if (id == null || id.isEmpty()) {
        throw new DispatchException(
            result.event().kind()
                + ": record "
                + o.record().displayId()
                + " was not handled and has no item id to report; failing the whole batch");
      }
      JsonObject item = new JsonObject();
      item.addProperty("itemIdentifier", id);
      failures.add(item);
    }
    JsonObject out = new JsonObject();
    out.add("batchItemFailures", failures);
    return out;
  }
}
