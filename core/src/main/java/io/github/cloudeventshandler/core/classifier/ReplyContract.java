package io.github.cloudeventshandler.core.classifier;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.spi.DispatchResult;

/**
 * Names how the platform expects to be answered for an event: a return value, a partial batch
 * response, an HTTP status, a callback. Core defines the provider-neutral contracts in {@link
 * StandardReply}; each cloud module defines its own (for example an enum of Lambda reply shapes)
 * and its entry point turns {@link DispatchResult}s into native replies accordingly.
 */
public interface ReplyContract {
  /** A stable name, used in logs and in conformance sidecars. */
  String name();

  /**
   * The largest response body this reply can carry, which the application's answer is held to
   * ({@link AppRequest#maxResponseBytes()}), or {@link AppRequest#STATUS_ONLY} when the reply uses
   * only the status; {@link AppRequest#DEFAULT_MAX_RESPONSE_BYTES} unless a contract says less.
   */
  default int maxResponseBytes() {
    return AppRequest.DEFAULT_MAX_RESPONSE_BYTES;
  }
}
