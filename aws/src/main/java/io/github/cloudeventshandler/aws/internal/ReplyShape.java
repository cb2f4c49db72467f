package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonElement;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.spi.DispatchResult;

/**
 * Turns the outcomes of one invocation into the Lambda result for one {@link
 * io.github.cloudeventshandler.aws.LambdaReply} contract. Not part of the public API.
 */
public interface ReplyShape {
  /**
   * The Lambda result.
   *
   * @param result the outcomes, one per record
   * @param event the invocation's event JSON, as parsed once, when {@link #readsEvent()}; else
   *     {@code JsonNull}
   * @param context the Lambda context; may be null outside Lambda
   * @throws DispatchException when the platform must see a failure (and retry)
   */
  JsonElement reply(DispatchResult result, JsonElement event, Context context);

  /**
   * Whether {@link #reply} reads the event JSON. When it does not, the entry point lets the tree go
   * before dispatching (for a large batch, tens of megabytes held for nothing).
   */
  default boolean readsEvent() {
    return false;
  }
}
