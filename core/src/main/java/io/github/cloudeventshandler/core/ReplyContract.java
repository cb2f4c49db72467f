package io.github.cloudeventshandler.core;

/**
 * Names how the platform expects to be answered for an event: a return value, a partial batch
 * response, an HTTP status, a callback. Core defines the provider-neutral contracts in {@link
 * StandardReply}; each cloud module defines its own (for example an enum of Lambda reply shapes)
 * and its entry point turns {@link DispatchResult}s into native replies accordingly.
 */
public interface ReplyContract {
  /** A stable name, used in logs and in conformance sidecars. */
  String name();
}
