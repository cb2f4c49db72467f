package io.github.cloudeventshandler.aws.internal;

import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.RecordOutcome;

/** The application's answer to an HTTP proxy request, whatever its status. */
final class ProxyResponses {
  private ProxyResponses() {}

  /**
   * The response, 2xx or not: HTTP answers go back to the client as they are. Only a request the
   * application never answered (unreachable, timed out) throws, which API Gateway and ALB turn into
   * a 502.
   */
  static AppResponse response(DispatchResult result) {
    RecordOutcome o = result.outcomes().get(0);
    if (o instanceof RecordOutcome.Handled h) {
      return h.response();
    }
    if (o instanceof RecordOutcome.Failed f && f.response() != null) {
      return f.response();
    }
    throw new DispatchException(ResponseBodies.failures(result));
  }
}
